namespace Monitor.Grains.Drift;

/// <summary>A version's drift over time: the evaluations its timer made, and each feature's figures at each, for charts.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftHistory")]
public sealed record DriftHistory
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required DateTimeOffset From { get; init; }
    [Id(3)] public required DateTimeOffset To { get; init; }

    /// <summary>How often the version evaluates drift (Monitor:Drift:EvaluationInterval).</summary>
    [Id(4)] public required int IntervalSeconds { get; init; }

    /// <summary>Evaluations in the period, oldest first.</summary>
    [Id(5)] public required IReadOnlyList<DriftEvaluationPoint> Evaluations { get; init; }

    /// <summary>Each feature's figures over the period, in reference order.</summary>
    [Id(6)] public required IReadOnlyList<FeatureDriftSeries> Features { get; init; }

    /// <summary>The model outputs' figures over the period.</summary>
    [Id(7)] public required IReadOnlyList<FeatureDriftSeries> Outputs { get; init; }
}

/// <summary>One evaluation: the dataset verdict at that time.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftEvaluationPoint")]
public sealed record DriftEvaluationPoint
{
    [Id(0)] public required DateTimeOffset Time { get; init; }
    /// <summary>Null when no feature could be judged (<see cref="Status"/> "insufficient_data").</summary>
    [Id(1)] public required bool? Drifted { get; init; }
    [Id(2)] public required int FeaturesTested { get; init; }
    [Id(3)] public required int FeaturesDrifted { get; init; }
    [Id(4)] public required int WindowRecords { get; init; }

    /// <summary>"evaluated" or "insufficient_data".</summary>
    [Id(5)] public string Status { get; init; } = DriftStatus.Evaluated;

    /// <summary>The multivariate verdict at that time; null when it was not evaluated.</summary>
    [Id(6)] public MultivariateDriftPoint? Multivariate { get; init; }
}

/// <summary>One feature's verdict figures over time.</summary>
[GenerateSerializer, Immutable, Alias("monitor.FeatureDriftSeries")]
public sealed record FeatureDriftSeries
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required IReadOnlyList<FeatureDriftPoint> Points { get; init; }
}

/// <summary>A feature at one evaluation: its verdict test, statistic, p-values, PSI and decision (no test: status only).</summary>
[GenerateSerializer, Immutable, Alias("monitor.FeatureDriftPoint")]
public sealed record FeatureDriftPoint
{
    [Id(0)] public required DateTimeOffset Time { get; init; }

    /// <summary>"evaluated", "insufficient_data", "missing_from_current" or "type_mismatch".</summary>
    [Id(1)] public required string Status { get; init; }
    [Id(2)] public string? Test { get; init; }
    [Id(3)] public double? Statistic { get; init; }
    [Id(4)] public double? PValue { get; init; }
    [Id(5)] public double? AdjustedPValue { get; init; }
    [Id(6)] public double? Psi { get; init; }
    /// <summary>The feature's decision; null when it had no verdict (see <see cref="Status"/>).</summary>
    [Id(7)] public required bool? Drifted { get; init; }
}
