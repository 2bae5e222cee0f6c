namespace Monitor.Grains.Drift;

/// <summary>A version's latest dataset drift verdict in brief, for listings.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftVerdictLine")]
public sealed record DriftVerdictLine
{
    /// <summary>Null when no feature could be judged (<see cref="Status"/> is then "insufficient_data").</summary>
    [Id(0)] public required bool? Drifted { get; init; }
    [Id(1)] public required int FeaturesTested { get; init; }
    [Id(2)] public required int FeaturesDrifted { get; init; }
    [Id(3)] public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>"evaluated" or "insufficient_data", as the drift report's dataset status.</summary>
    [Id(4)] public string Status { get; init; } = DriftStatus.Evaluated;

    public static DriftVerdictLine Of(VersionDriftReport report) => new()
    {
        Drifted = report.Dataset.Drifted,
        Status = report.Dataset.Status,
        FeaturesTested = report.Dataset.FeaturesTested,
        FeaturesDrifted = report.Dataset.FeaturesDrifted,
        EvaluatedAt = report.EvaluatedAt,
    };
}
