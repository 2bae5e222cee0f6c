namespace Monitor.Grains.Segments;

/// <summary>A segment's traffic, errors and latency per bucket of the segment window, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentTimeSeries")]
public sealed record SegmentTimeSeries
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required string Segment { get; init; }
    [Id(3)] public required int StepSeconds { get; init; }
    [Id(4)] public required IReadOnlyList<SegmentPoint> Points { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.SegmentPoint")]
public sealed record SegmentPoint
{
    [Id(0)] public required DateTimeOffset Time { get; init; }
    [Id(1)] public required long Requests { get; init; }
    [Id(2)] public required long Errors { get; init; }
    [Id(3)] public double? SuccessRate { get; init; }
    [Id(4)] public double? P95LatencyMs { get; init; }
    [Id(5)] public double? MeanConfidence { get; init; }
}
