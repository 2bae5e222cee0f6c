namespace Monitor.Grains.Outcomes;

/// <summary>Versions of a model side by side: one pair, or the champion with each challenger.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ModelComparison")]
public sealed record ModelComparison
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required int Minutes { get; init; }
    [Id(2)] public string? Champion { get; init; }
    [Id(3)] public required IReadOnlyList<VersionComparison> Comparisons { get; init; }

    /// <summary>The segment ("country:DE") the comparison is restricted to; null for the versions' whole traffic.</summary>
    [Id(4)] public string? Segment { get; init; }
}

/// <summary>Version B against version A (with a champion: A is the champion). Verdicts say how B does.</summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionComparison")]
public sealed record VersionComparison
{
    [Id(0)] public required string A { get; init; }
    [Id(1)] public required string B { get; init; }
    [Id(2)] public required DateTimeOffset From { get; init; }
    [Id(3)] public required DateTimeOffset To { get; init; }
    [Id(4)] public required TrafficShare Traffic { get; init; }

    /// <summary>Each version's drift verdict, evaluated now on its feature window against its own reference.</summary>
    [Id(5)] public required DriftSideBySide Drift { get; init; }
    [Id(6)] public required IReadOnlyList<MetricComparison> Metrics { get; init; }

    /// <summary>What the drift verdicts cover (the last W records of each version, not the period).</summary>
    [Id(7)] public required string DriftNote { get; init; }

    /// <summary>Each version's performance estimate: calibrated or not, and whether its own labels contradict it.</summary>
    [Id(8)] public EstimateSideBySide? Estimates { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.EstimateSideBySide")]
public sealed record EstimateSideBySide
{
    [Id(0)] public EstimateStatus? A { get; init; }
    [Id(1)] public EstimateStatus? B { get; init; }
}

/// <summary>A version's estimated accuracy over the period, its band, the realized accuracy, and whether the labels contradict the estimate.</summary>
[GenerateSerializer, Immutable, Alias("monitor.EstimateStatus")]
public sealed record EstimateStatus
{
    /// <summary>True when the version's reference has no labels, so the estimate trusts the raw confidences.</summary>
    [Id(0)] public required bool Uncalibrated { get; init; }
    [Id(1)] public double? Accuracy { get; init; }
    [Id(2)] public double? Lower { get; init; }
    [Id(3)] public double? Upper { get; init; }
    [Id(4)] public double? Realized { get; init; }

    /// <summary>True when a realized figure falls outside its band; null until enough labels.</summary>
    [Id(5)] public bool? EstimateContradicted { get; init; }
    [Id(6)] public string? Note { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.TrafficShare")]
public sealed record TrafficShare
{
    [Id(0)] public required long PredictionsA { get; init; }
    [Id(1)] public required long PredictionsB { get; init; }

    /// <summary>Shares of the two versions' combined traffic; null without traffic.</summary>
    [Id(2)] public double? ShareA { get; init; }
    [Id(3)] public double? ShareB { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.DriftSideBySide")]
public sealed record DriftSideBySide
{
    [Id(0)] public required VersionDriftVerdict A { get; init; }
    [Id(1)] public required VersionDriftVerdict B { get; init; }
}

/// <summary>A version's dataset-level drift verdict, as its drift report gives it, for the comparison.</summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionDriftVerdict")]
public sealed record VersionDriftVerdict
{
    public const string Drift = "drift";
    public const string NoDrift = "no_drift";
    public const string InsufficientData = "insufficient_data";
    public const string NoReference = "no_reference";
    public const int MaxDriftedNames = 20;

    /// <summary>"drift", "no_drift", "insufficient_data" (no feature had enough values for a verdict) or "no_reference".</summary>
    [Id(0)] public required string Verdict { get; init; }
    [Id(1)] public DateTimeOffset? EvaluatedAt { get; init; }

    /// <summary>Records of the feature window evaluated.</summary>
    [Id(2)] public int WindowRecords { get; init; }
    [Id(3)] public int FeaturesTested { get; init; }
    [Id(4)] public int FeaturesDrifted { get; init; }

    /// <summary>Names of the drifted features (at most <see cref="MaxDriftedNames"/>).</summary>
    [Id(5)] public IReadOnlyList<string> DriftedFeatures { get; init; } = [];

    /// <summary>Whether the model's outputs (prediction, confidence) drifted; null when the reference has no outputs.</summary>
    [Id(6)] public bool? OutputsDrifted { get; init; }

    public static VersionDriftVerdict WithoutReference { get; } = new() { Verdict = NoReference };
}

/// <summary>
/// One metric of B against A: both values, the difference B − A with its 95% confidence interval and
/// p-value, an effect size, the verdict, and when inconclusive the sample still needed at 80% power.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.MetricComparison")]
public sealed record MetricComparison
{
    [Id(0)] public required string Metric { get; init; }

    /// <summary>"higher" or "lower": which direction is better for this metric.</summary>
    [Id(1)] public required string BetterWhen { get; init; }
    [Id(2)] public double? A { get; init; }
    [Id(3)] public double? B { get; init; }
    [Id(4)] public required long SamplesA { get; init; }
    [Id(5)] public required long SamplesB { get; init; }
    [Id(6)] public double? Difference { get; init; }
    [Id(7)] public double? RelativeDifference { get; init; }
    [Id(8)] public double? Ci95Lower { get; init; }
    [Id(9)] public double? Ci95Upper { get; init; }
    [Id(10)] public double? PValue { get; init; }
    [Id(11)] public required string Test { get; init; }
    [Id(12)] public EffectSize? EffectSize { get; init; }

    /// <summary>A second test of the same difference (Mann-Whitney U beside Welch's t), reported, not used for the verdict.</summary>
    [Id(13)] public SecondaryTest? Secondary { get; init; }

    /// <summary>"better", "worse", "no_significant_difference" or "insufficient_data": how B does against A.</summary>
    [Id(14)] public required string Verdict { get; init; }
    [Id(15)] public PowerEstimate? SampleNeeded { get; init; }

    /// <summary>A caveat about how the figures were obtained (e.g. a sketch instead of raw values).</summary>
    [Id(16)] public string? Note { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.EffectSize")]
public sealed record EffectSize(
    [property: Id(0)] string Name,
    [property: Id(1)] double Value);

[GenerateSerializer, Immutable, Alias("monitor.SecondaryTest")]
public sealed record SecondaryTest
{
    [Id(0)] public required string Test { get; init; }
    [Id(1)] public required double Statistic { get; init; }
    [Id(2)] public required double PValue { get; init; }
    [Id(3)] public EffectSize? EffectSize { get; init; }
}

/// <summary>The sample each version needs to detect the observed difference at 80% power (two-sided, 5% level), and how much more that is.</summary>
[GenerateSerializer, Immutable, Alias("monitor.PowerEstimate")]
public sealed record PowerEstimate
{
    [Id(0)] public required long PerVersion { get; init; }
    [Id(1)] public required long AdditionalA { get; init; }
    [Id(2)] public required long AdditionalB { get; init; }
}
