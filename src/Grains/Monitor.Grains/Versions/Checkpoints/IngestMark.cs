namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>The last ingest call a version applied from one gateway, and when (to forget idle gateways).</summary>
[GenerateSerializer, Immutable, Alias("monitor.IngestMark")]
public readonly record struct IngestMark(
    [property: Id(0)] long Sequence,
    [property: Id(1)] long SeenMs);
