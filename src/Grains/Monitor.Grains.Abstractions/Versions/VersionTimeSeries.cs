using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Versions;

/// <summary>The summary's figures per time step, oldest first, for charts.</summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionTimeSeries")]
public sealed record VersionTimeSeries
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required int StepSeconds { get; init; }
    [Id(3)] public required PercentileMethod Percentiles { get; init; }
    [Id(4)] public required IReadOnlyList<TimeSeriesPoint> Points { get; init; }

    /// <summary>Level shifts found in the charted series, when asked for (<c>change_points=true</c>); null otherwise.</summary>
    [Id(5)] public IReadOnlyList<SeriesChangePoint>? ChangePoints { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.TimeSeriesPoint")]
public sealed record TimeSeriesPoint
{
    [Id(0)] public required DateTimeOffset Time { get; init; }
    [Id(1)] public required long TotalRequests { get; init; }
    [Id(2)] public required long ErrorCount { get; init; }
    [Id(3)] public double? SuccessRate { get; init; }
    [Id(4)] public required double ThroughputPerSecond { get; init; }
    [Id(5)] public double? AvgLatencyMs { get; init; }
    [Id(6)] public double? P50LatencyMs { get; init; }
    [Id(7)] public double? P95LatencyMs { get; init; }
    [Id(8)] public double? P99LatencyMs { get; init; }
    [Id(9)] public double? MaxLatencyMs { get; init; }
    [Id(10)] public required IReadOnlyDictionary<string, long> ErrorsByType { get; init; }
    [Id(11)] public double? ConfidenceMean { get; init; }

    /// <summary>Outcome figures of the step; null for a version that has had no label or event.</summary>
    [Id(30)] public OutcomePoint? Outcomes { get; init; }
}

/// <summary>A level shift a change-point detector found in one series of a time series.</summary>
[GenerateSerializer, Immutable, Alias("monitor.SeriesChangePoint")]
public sealed record SeriesChangePoint
{
    /// <summary>The series, named as rules name the metric (<c>latency_p95_ms</c>, <c>error_rate</c>, ...).</summary>
    [Id(0)] public required string Series { get; init; }

    /// <summary>The start of the step where the shift is estimated to begin.</summary>
    [Id(1)] public required DateTimeOffset At { get; init; }

    /// <summary>The start of the step at which the detector raised its alarm.</summary>
    [Id(2)] public required DateTimeOffset DetectedAt { get; init; }

    /// <summary><c>up</c> or <c>down</c>.</summary>
    [Id(3)] public required string Direction { get; init; }
    [Id(4)] public required string Detector { get; init; }

    /// <summary>After − before, in the series' units.</summary>
    [Id(5)] public required double Magnitude { get; init; }

    /// <summary>Mean of the series before the shift (since the previous one) and from it to its detection.</summary>
    [Id(6)] public required double Before { get; init; }
    [Id(7)] public required double After { get; init; }
}
