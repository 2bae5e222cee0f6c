namespace Monitor.Grains.Versions;

/// <summary>
/// A version's answer to an ingest call of a chain (<see cref="IVersionIngestChainGrain"/>): whether it applied
/// the call, the last call of the sender it holds in memory (<see cref="Mark"/>) and the last one its stored
/// checkpoint holds (<see cref="CheckpointMark"/>), so the gateway can forget what storage now keeps.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.IngestReceipt")]
public readonly record struct IngestReceipt(
    [property: Id(0)] bool Applied,
    [property: Id(1)] long Mark,
    [property: Id(2)] long CheckpointMark);
