using Monitor.Grains.Drift;

namespace Monitor.Grains.Versions;

/// <summary>
/// A model version's figures over a period. The first fields are the Python baseline's summary,
/// with the same names and units (success_rate in percent).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionSummary")]
public sealed record VersionSummary
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required DateTimeOffset From { get; init; }
    [Id(3)] public required DateTimeOffset To { get; init; }
    [Id(4)] public required long TotalRequests { get; init; }
    [Id(5)] public double? SuccessRate { get; init; }
    [Id(6)] public double? AvgLatencyMs { get; init; }
    [Id(7)] public double? P50LatencyMs { get; init; }
    [Id(8)] public double? P95LatencyMs { get; init; }
    [Id(9)] public double? P99LatencyMs { get; init; }
    [Id(10)] public double? MaxLatencyMs { get; init; }
    [Id(11)] public double? MinLatencyMs { get; init; }
    [Id(12)] public required PercentileMethod Percentiles { get; init; }
    [Id(13)] public required long ErrorCount { get; init; }
    [Id(14)] public required IReadOnlyDictionary<string, long> ErrorsByType { get; init; }
    [Id(15)] public required double ThroughputPerSecond { get; init; }
    [Id(16)] public required ConfidenceSummary Confidence { get; init; }
    [Id(17)] public required PredictionDistribution Predictions { get; init; }

    /// <summary>Data quality of the period's records against the version's schema.</summary>
    [Id(18)] public DataQualitySummary? DataQuality { get; init; }
}

/// <summary>How the latency percentiles were computed.</summary>
[GenerateSerializer, Immutable, Alias("monitor.PercentileMethod")]
public sealed record PercentileMethod
{
    /// <summary>"exact" (numpy's linear interpolation over every sample) or "sketch".</summary>
    [Id(0)] public required string Method { get; init; }

    /// <summary>The relative error bound of a sketch answer; 0 when exact.</summary>
    [Id(1)] public required double RelativeError { get; init; }

    public static PercentileMethod Exact { get; } = new() { Method = "exact", RelativeError = 0 };

    public static PercentileMethod Sketch(double relativeError) => new() { Method = "sketch", RelativeError = relativeError };
}

[GenerateSerializer, Immutable, Alias("monitor.ConfidenceSummary")]
public sealed record ConfidenceSummary
{
    [Id(0)] public required long Count { get; init; }
    [Id(1)] public double? Mean { get; init; }

    /// <summary>Share of records with a confidence below <see cref="LowThreshold"/>.</summary>
    [Id(2)] public double? LowShare { get; init; }
    [Id(3)] public required double LowThreshold { get; init; }
    [Id(4)] public required IReadOnlyList<HistogramBin> Histogram { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.HistogramBin")]
public sealed record HistogramBin(
    [property: Id(0)] double Lower,
    [property: Id(1)] double Upper,
    [property: Id(2)] long Count);

/// <summary>
/// What the version predicted: class counts for a classifier, or quantiles of the numeric
/// predictions for a regression model.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.PredictionDistribution")]
public sealed record PredictionDistribution
{
    /// <summary>"classification", "regression", or "none" before any prediction arrived.</summary>
    [Id(0)] public required string Kind { get; init; }
    [Id(1)] public required long Count { get; init; }
    [Id(2)] public IReadOnlyDictionary<string, long>? Classes { get; init; }
    [Id(3)] public double? Mean { get; init; }
    [Id(4)] public double? Min { get; init; }
    [Id(5)] public double? Max { get; init; }
    [Id(6)] public double? P50 { get; init; }
    [Id(7)] public double? P95 { get; init; }
}
