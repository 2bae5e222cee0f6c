using Monitor.Grains.Versions;

namespace Monitor.Grains.Segments;

/// <summary>
/// A segment's figures over a period: the summary's traffic, success and latency fields under the same names
/// (success_rate in percent), with the segment's confidence. Latency percentiles come from a sketch.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentSummary")]
public sealed record SegmentSummary
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required string Segment { get; init; }
    [Id(3)] public required DateTimeOffset From { get; init; }
    [Id(4)] public required DateTimeOffset To { get; init; }
    [Id(5)] public required long TotalRequests { get; init; }

    /// <summary>The segment's share of the key's traffic over the period, in percent.</summary>
    [Id(6)] public double? TrafficShare { get; init; }
    [Id(7)] public double? SuccessRate { get; init; }
    [Id(8)] public required long ErrorCount { get; init; }
    [Id(9)] public double? AvgLatencyMs { get; init; }
    [Id(10)] public double? P50LatencyMs { get; init; }
    [Id(11)] public double? P95LatencyMs { get; init; }
    [Id(12)] public double? P99LatencyMs { get; init; }
    [Id(13)] public double? MaxLatencyMs { get; init; }
    [Id(14)] public required PercentileMethod Percentiles { get; init; }
    [Id(15)] public required double ThroughputPerSecond { get; init; }
    [Id(16)] public required long ConfidenceCount { get; init; }
    [Id(17)] public double? MeanConfidence { get; init; }

    /// <summary>Share of records with a confidence below the version's low-confidence threshold.</summary>
    [Id(18)] public double? LowConfidenceShare { get; init; }

    /// <summary>Realized and estimated performance; null before the version has labels or an estimate.</summary>
    [Id(19)] public SegmentPerformance? Performance { get; init; }
}

