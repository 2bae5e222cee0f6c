namespace Monitor.Grains.Drift;

/// <summary>
/// A version's drift report, evaluated on its feature window (the last W records) against its reference.
/// <see cref="Dataset"/>, <see cref="Features"/> and <see cref="UnknownFeatures"/> have the shape
/// <c>monitor drift</c> prints; the model outputs are judged the same way and reported beside them.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionDriftReport")]
public sealed record VersionDriftReport
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>Records in the window evaluated (at most <see cref="WindowSize"/>).</summary>
    [Id(3)] public required int WindowRecords { get; init; }

    /// <summary>W, the feature window's size (Monitor:Windows:FeatureWindow).</summary>
    [Id(4)] public required int WindowSize { get; init; }
    [Id(5)] public required int ReferenceRows { get; init; }
    [Id(6)] public required DatasetDrift Dataset { get; init; }
    [Id(7)] public required IReadOnlyList<FeatureDrift> Features { get; init; }

    /// <summary>Features in the window that the reference does not have (at most 50 names).</summary>
    [Id(8)] public required IReadOnlyList<string> UnknownFeatures { get; init; }

    /// <summary>Drift of the model's outputs: "prediction" and "confidence", when the reference has them.</summary>
    [Id(9)] public required IReadOnlyList<FeatureDrift> Outputs { get; init; }

    /// <summary>The verdict over the outputs (corrected across them); null when the reference has no outputs.</summary>
    [Id(10)] public DatasetDrift? OutputsVerdict { get; init; }

    /// <summary>Data quality of the window against the reference's schema.</summary>
    [Id(11)] public required DataQualitySummary DataQuality { get; init; }

    /// <summary>Remarks about the evaluation, e.g. a per-feature test override that no longer applies.</summary>
    [Id(12)] public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether the model outputs (prediction, confidence) are compared with the reference's.</summary>
    [Id(13)] public bool OutputsCompared { get; init; }

    /// <summary>Why the outputs are not compared, when they are not.</summary>
    [Id(14)] public string? OutputsNote { get; init; }

    /// <summary>Multivariate drift of the numeric features (PCA reconstruction error); null when off or without two numeric features.</summary>
    [Id(15)] public MultivariateDrift? Multivariate { get; init; }

    /// <summary>The segment reported on ("country:DE"); null for the version's whole traffic.</summary>
    [Id(40)] public string? Segment { get; init; }

    /// <summary>For a segment: "restricted" (the reference's rows of the segment) or "captured" (the segment's own first records).</summary>
    [Id(41)] public string? SegmentReference { get; init; }
}

/// <summary>
/// The dataset-level verdict: drift when any feature's verdict is drift after the multiple-testing correction.
/// When no feature could be judged (too few values, absent or of another type) there is no verdict: <see cref="Drifted"/>
/// is null and <see cref="Status"/> says <c>insufficient_data</c>, never "no drift".
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.DatasetDrift")]
public sealed record DatasetDrift
{
    /// <summary>True or false once at least one feature has a verdict; null without one.</summary>
    [Id(0)] public required bool? Drifted { get; init; }

    /// <summary>"bonferroni", "benjamini_hochberg" or "none".</summary>
    [Id(1)] public required string Correction { get; init; }
    [Id(2)] public required double Alpha { get; init; }
    [Id(3)] public required int MinimumSampleSize { get; init; }
    [Id(4)] public required int FeaturesTested { get; init; }
    [Id(5)] public required int FeaturesDrifted { get; init; }
    [Id(6)] public required int FeaturesWithoutVerdict { get; init; }
    [Id(7)] public required double DriftedShare { get; init; }

    /// <summary>"evaluated" (at least one feature judged) or "insufficient_data" (none could be).</summary>
    [Id(8)] public string Status { get; init; } = DriftStatus.Evaluated;
}

/// <summary>One feature (or model output): sizes, every test run, and the verdict.</summary>
[GenerateSerializer, Immutable, Alias("monitor.FeatureDrift")]
public sealed record FeatureDrift
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>"numeric" or "categorical".</summary>
    [Id(1)] public required string Kind { get; init; }

    /// <summary>"evaluated", "insufficient_data", "missing_from_current" or "type_mismatch" (<see cref="DriftStatus"/>).</summary>
    [Id(2)] public required string Status { get; init; }
    [Id(3)] public required int ReferenceSize { get; init; }
    [Id(4)] public required int CurrentSize { get; init; }
    [Id(5)] public required int CurrentMissing { get; init; }
    [Id(6)] public FeatureDriftVerdict? Verdict { get; init; }
    [Id(7)] public required IReadOnlyList<DriftTestOutcome> Tests { get; init; }
    [Id(8)] public double? UnseenShare { get; init; }
    [Id(9)] public double? OutOfRangeShare { get; init; }
    [Id(10)] public string? Message { get; init; }
}

/// <summary>The test that decides a feature, and its decision within the dataset.</summary>
[GenerateSerializer, Immutable, Alias("monitor.FeatureDriftVerdict")]
public sealed record FeatureDriftVerdict
{
    /// <summary>The test's name, e.g. "cramer_von_mises" or "jensen_shannon".</summary>
    [Id(0)] public required string Test { get; init; }
    [Id(1)] public required bool IsDefaultTest { get; init; }
    [Id(2)] public required double Statistic { get; init; }
    [Id(3)] public double? PValue { get; init; }
    [Id(4)] public double? AdjustedPValue { get; init; }
    [Id(5)] public required double Threshold { get; init; }
    [Id(6)] public required bool Drifted { get; init; }

    /// <summary>Why this test decides: the data it saw (continuous, tied, discrete, few values) and the sizes, or the setting that chose it.</summary>
    [Id(7)] public string? Reason { get; init; }

    /// <summary>How the p-value was obtained: exact, asymptotic, tie_asymptotic, permutation, pooled_asymptotic, cvm_and_chi_squared, ...</summary>
    [Id(8)] public string? PValueMethod { get; init; }
}

/// <summary>One test on one feature: statistic, p-value where it has one, threshold, uncorrected decision and both sizes.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftTestOutcome")]
public sealed record DriftTestOutcome
{
    [Id(0)] public required string Test { get; init; }
    [Id(1)] public required double Statistic { get; init; }
    [Id(2)] public double? PValue { get; init; }
    [Id(3)] public required double Threshold { get; init; }
    [Id(4)] public required bool Drifted { get; init; }
    [Id(5)] public required int ReferenceSize { get; init; }
    [Id(6)] public required int CurrentSize { get; init; }

    /// <summary>How the p-value was obtained (p-value tests only).</summary>
    [Id(7)] public string? PValueMethod { get; init; }
}
