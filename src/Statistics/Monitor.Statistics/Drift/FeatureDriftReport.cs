namespace Monitor.Statistics.Drift;

/// <summary>
/// Everything about one feature: sizes and missing values, the share of values the reference never saw
/// (categories) or outside the reference range (numbers), every test run, and the verdict.
/// </summary>
public sealed record FeatureDriftReport(
    string Name,
    FeatureKind Kind,
    FeatureDriftStatus Status,
    int ReferenceSize,
    int CurrentSize,
    int CurrentMissing,
    FeatureVerdict? Verdict,
    IReadOnlyList<DriftTestResult> Tests,
    double? UnseenShare = null,
    double? OutOfRangeShare = null,
    string? Message = null);
