namespace Monitor.Grains.RuleInputs;

/// <summary>
/// The names alert rules use for a version's drift and data-quality figures. Drift figures come from the
/// version's latest drift evaluation (its feature window, the last W records; the rule's window does not
/// apply); data-quality figures are over the rule's time window. Shares are fractions in [0, 1].
/// </summary>
public static class DriftMetricNames
{
    /// <summary>1 when the dataset verdict is drift, 0 when it is not; NaN when no feature could be judged.</summary>
    public const string DriftDetected = "drift_detected";

    /// <summary>1 when the latest evaluation could judge no feature (too few records, features absent), else 0.</summary>
    public const string DriftInsufficientData = "drift_insufficient_data";

    /// <summary>Share of judged features whose verdict is drift.</summary>
    public const string DriftedFeatureShare = "drifted_feature_share";

    /// <summary>The p-value of a feature's verdict test (uncorrected); without a feature, the smallest across features. NaN for a distance verdict.</summary>
    public const string FeatureDriftPValue = "feature_drift_pvalue";

    /// <summary>The p-value after the multiple-testing correction; without a feature, the smallest.</summary>
    public const string FeatureDriftAdjustedPValue = "feature_drift_adjusted_pvalue";

    /// <summary>The statistic of a feature's verdict test; without a feature, the largest.</summary>
    public const string FeatureDriftStatistic = "feature_drift_statistic";

    /// <summary>1 when a feature's verdict is drift, else 0; without a feature, 1 when any feature drifts.</summary>
    public const string FeatureDrifted = "feature_drifted";

    /// <summary>A feature's population stability index; without a feature, the largest.</summary>
    public const string FeaturePsi = "feature_psi";

    /// <summary>1 when a model output's verdict is drift (feature: "prediction" or "confidence"; without one, either).</summary>
    public const string OutputDrifted = "output_drifted";

    /// <summary>P-value of a model output's verdict test (feature: "prediction" or "confidence"; without one, the smallest).</summary>
    public const string OutputDriftPValue = "output_drift_pvalue";

    /// <summary>1 when the multivariate verdict (PCA reconstruction error outside its bounds) is drift, 0 when not; NaN without a verdict.</summary>
    public const string MultivariateDriftDetected = "multivariate_drift_detected";

    /// <summary>The window's PCA reconstruction error against the reference's; NaN without one.</summary>
    public const string MultivariateReconstructionError = "multivariate_reconstruction_error";

    /// <summary>Share of records with a null for the feature (without a feature: over all features' values).</summary>
    public const string NullShare = "null_share";

    /// <summary>Share of records without the feature (without a feature: over all features' values).</summary>
    public const string MissingShare = "missing_share";

    /// <summary>Share of present numeric values outside the reference range.</summary>
    public const string OutOfRangeShare = "out_of_range_share";

    /// <summary>Share of present categorical values the reference never had.</summary>
    public const string UnseenCategoryShare = "unseen_category_share";

    /// <summary>Share of records with a feature the reference lacks, or without one it has.</summary>
    public const string SchemaViolationShare = "schema_violation_share";

    /// <summary>Share of records with a feature the reference lacks.</summary>
    public const string UnknownFeatureShare = "unknown_feature_share";

    /// <summary>Records refused at ingest for a NaN or infinite value (a count, not a share).</summary>
    public const string NonFiniteRefused = "non_finite_refused";

    public static IReadOnlyList<string> Drift { get; } =
    [
        DriftDetected, DriftInsufficientData, DriftedFeatureShare, FeatureDriftPValue, FeatureDriftAdjustedPValue, FeatureDriftStatistic, FeatureDrifted,
        FeaturePsi, OutputDrifted, OutputDriftPValue, MultivariateDriftDetected, MultivariateReconstructionError,
    ];

    public static IReadOnlyList<string> DataQuality { get; } =
    [
        NullShare, MissingShare, OutOfRangeShare, UnseenCategoryShare, SchemaViolationShare, UnknownFeatureShare, NonFiniteRefused,
    ];
}
