namespace Monitor.Grains.Rebalancing;

/// <summary>
/// The cluster's one rebalancer (key 0): silos report their load to it, and it moves versions from the busiest
/// silos to the least busy ones, a few at a time.
/// </summary>
[Alias("monitor.IClusterRebalancerGrain")]
public interface IClusterRebalancerGrain : IGrainWithIntegerKey
{
    /// <summary>A silo's load; may start a rebalancing round.</summary>
    [Alias("Report")]
    Task Report(SiloLoadReport report);

    /// <summary>Moves made elsewhere (a leaving silo's), kept with the rebalancer's own.</summary>
    [Alias("Record")]
    Task Record(VersionMove[] moves);

    /// <summary>The latest report of each silo and the moves made, newest first.</summary>
    [Alias("GetLoad")]
    Task<ClusterLoad> GetLoad();
}

/// <summary>What <see cref="IClusterRebalancerGrain.GetLoad"/> answers.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ClusterLoad")]
public sealed record ClusterLoad(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] SiloLoadReport[] Silos,
    [property: Id(2)] VersionMove[] Moves);
