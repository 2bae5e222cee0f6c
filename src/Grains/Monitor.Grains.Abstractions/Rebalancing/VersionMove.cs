namespace Monitor.Grains.Rebalancing;

/// <summary>A version moved from one silo to another: by the rebalancer ("load") or a silo leaving ("drain").</summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionMove")]
public sealed record VersionMove(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Version,
    [property: Id(2)] SiloAddress From,
    [property: Id(3)] SiloAddress To,
    [property: Id(4)] string Reason,
    [property: Id(5)] double RecordsPerSecond);
