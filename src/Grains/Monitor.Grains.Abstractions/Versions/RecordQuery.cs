using Monitor.Grains.Ingest;

namespace Monitor.Grains.Versions;

/// <summary>Which of a version's recent records to return.</summary>
[GenerateSerializer, Immutable, Alias("monitor.RecordQuery")]
public sealed record RecordQuery
{
    [Id(0)] public DateTimeOffset? From { get; init; }
    [Id(1)] public DateTimeOffset? To { get; init; }
    [Id(2)] public string? Id { get; init; }
    [Id(3)] public int Limit { get; init; } = 100;
}

/// <summary>Matching records, as the batches that hold them and their positions, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("monitor.RecordSlice")]
public sealed record RecordSlice(
    [property: Id(0)] PredictionBatch Batch,
    [property: Id(1)] int[] Indices);
