namespace Monitor.Grains.Rebalancing;

/// <summary>Moves a model version to another silo, its state carried across (see docs/operations.md, "Rebalancing").</summary>
[Alias("monitor.IVersionPlacementGrain")]
public interface IVersionPlacementGrain : IGrainWithStringKey
{
    /// <summary>
    /// Asks the version to move to <paramref name="target"/> once its current call ends: it writes its checkpoint,
    /// hands over what is not in it, and the calls waiting for it follow it. False when it is on that silo already.
    /// </summary>
    [Alias("MoveTo")]
    Task<bool> MoveTo(SiloAddress target);

    /// <summary>The silo the version is active on.</summary>
    [Alias("GetSilo")]
    Task<SiloAddress> GetSilo();
}
