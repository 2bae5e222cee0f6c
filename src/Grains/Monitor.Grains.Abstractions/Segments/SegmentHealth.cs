using Monitor.Grains.Drift;

namespace Monitor.Grains.Segments;

/// <summary>GET .../segments: the settings and every segment's health, most severe first.</summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentListing")]
public sealed record SegmentListing
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required SegmentSettings Settings { get; init; }
    [Id(3)] public required IReadOnlyList<SegmentHealth> Segments { get; init; }
}

/// <summary>
/// One segment's health: its traffic over the summary period, success rate, p95 latency, drift verdict and a
/// severity that orders the listing: 3 drifted, 2 success rate below 95%, 1 too few records to judge drift, 0 well.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentHealth")]
public sealed record SegmentHealth
{
    [Id(0)] public required string Segment { get; init; }
    [Id(1)] public required string Key { get; init; }
    [Id(2)] public required string Value { get; init; }
    [Id(3)] public required long TotalRequests { get; init; }
    [Id(4)] public double? TrafficShare { get; init; }
    [Id(5)] public double? SuccessRate { get; init; }
    [Id(6)] public double? P95LatencyMs { get; init; }

    /// <summary>The segment's drift verdict; null when the version has no reference.</summary>
    [Id(7)] public DriftVerdictLine? Drift { get; init; }

    /// <summary>"restricted" (the version's reference rows of this segment) or "captured" (the segment's own first records).</summary>
    [Id(8)] public string? ReferenceSource { get; init; }
    [Id(9)] public required int Severity { get; init; }
    [Id(10)] public required string Status { get; init; }

    /// <summary>Labels joined to the segment's predictions in the period.</summary>
    [Id(11)] public long Labels { get; init; }

    /// <summary>Realized accuracy (0-1) from those labels; null without classified labels.</summary>
    [Id(12)] public double? Accuracy { get; init; }

    /// <summary>Estimated accuracy (0-1, CBPE) of the segment's predictions; null without an estimate.</summary>
    [Id(13)] public double? EstimatedAccuracy { get; init; }

    /// <summary>Realized mean absolute error, for a regression version; null without labels.</summary>
    [Id(14)] public double? Mae { get; init; }
}
