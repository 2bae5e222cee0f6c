namespace Monitor.Grains.Rebalancing;

/// <summary>One silo's ingest load as measured over its last reporting interval.</summary>
[GenerateSerializer, Immutable, Alias("monitor.SiloLoadReport")]
public sealed record SiloLoadReport(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] long MemoryBytes,
    [property: Id(3)] VersionLoad[] Versions)
{
    public double RecordsPerSecond => Versions.Sum(v => v.RecordsPerSecond);
}

/// <summary>One active version's records per second on its silo.</summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionLoad")]
public sealed record VersionLoad([property: Id(0)] string Version, [property: Id(1)] double RecordsPerSecond);
