using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Prometheus;

namespace Monitor.Grains.Exposition;

/// <summary>
/// The Prometheus families of drift and data quality, exported by the silo that holds each version (the
/// gateway process in single-node mode). Per-feature series exist for at most Monitor:Drift:MaxFeatureSeries
/// features per version, and versions bound by Monitor:Registry:MaxVersions, so label values stay bounded.
/// </summary>
public static class DriftGauges
{
    private static readonly string[] VersionLabels = ["model", "model_version"];
    private static readonly string[] FeatureLabels = ["model", "model_version", "feature"];
    private static readonly string[] TestLabels = ["model", "model_version", "feature", "test"];
    private static readonly string[] OutputTestLabels = ["model", "model_version", "output", "test"];
    private static readonly string[] OutputLabels = ["model", "model_version", "output"];

    public static Gauge DatasetDrifted { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_dataset_drifted", "1 when the version's dataset drift verdict is drift (after the multiple-testing correction), else 0", VersionLabels);

    public static Gauge InsufficientData { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_insufficient_data",
        "1 when the version's last drift evaluation could judge no feature (too few records for the minimum sample); monitor_drift_dataset_drifted is then absent", VersionLabels);

    public static Gauge FeaturesDrifted { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_features_drifted", "Features whose drift verdict is drift at the last evaluation", VersionLabels);

    public static Gauge WindowRecords { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_window_records", "Records in the feature window at the last drift evaluation", VersionLabels);

    public static Gauge EvaluationTimestamp { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_last_evaluation_timestamp_seconds", "Unix time of the version's last drift evaluation", VersionLabels);

    public static Gauge FeaturePValue { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_feature_p_value", "P-value of the feature's verdict test (uncorrected), when the verdict test has one", TestLabels);

    public static Gauge FeatureStatistic { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_feature_statistic", "Statistic of the feature's verdict test", TestLabels);

    public static Gauge FeaturePsi { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_feature_psi", "Population stability index of the feature against the reference", FeatureLabels);

    public static Gauge FeatureDrifted { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_feature_drifted", "1 when the feature's verdict is drift, else 0", FeatureLabels);

    public static Gauge OutputPValue { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_output_p_value", "P-value of the model output's verdict test (prediction or confidence)", OutputTestLabels);

    public static Gauge OutputStatistic { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_output_statistic", "Statistic of the model output's verdict test (prediction or confidence)", OutputTestLabels);

    public static Gauge OutputDrifted { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_output_drifted", "1 when the model output's verdict is drift, else 0", OutputLabels);

    public static Gauge MultivariateError { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_multivariate_reconstruction_error",
        "Mean PCA reconstruction error of the feature window's standardized numeric features against the reference's PCA", VersionLabels);

    public static Gauge MultivariateThreshold { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_multivariate_threshold",
        "Bounds of the multivariate reconstruction error (bound: lower or upper), from the reference's chunk-to-chunk variation, for the window's rows",
        ["model", "model_version", "bound"]);

    public static Gauge MultivariateDrifted { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_drift_multivariate_drifted", "1 when the reconstruction error lies outside its bounds (multivariate drift), else 0; absent without a verdict", VersionLabels);

    public static Gauge NullRatio { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_data_quality_null_ratio", "Share of the feature window's records with a null for the feature", FeatureLabels);

    public static Gauge MissingRatio { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_data_quality_missing_ratio", "Share of the feature window's records without the feature", FeatureLabels);

    public static Gauge OutOfRangeRatio { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_data_quality_out_of_range_ratio", "Share of the feature window's numbers outside the reference range", FeatureLabels);

    public static Gauge UnseenCategoryRatio { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_data_quality_unseen_category_ratio", "Share of the feature window's categories that the reference never had", FeatureLabels);

    public static Gauge SchemaViolationRatio { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_data_quality_schema_violation_ratio", "Share of the feature window's records with a feature the reference lacks or without one it has", VersionLabels);

    public static Counter QualityRecords { get; } = Prometheus.Metrics.CreateCounter(
        "monitor_data_quality_records_total",
        "Records of the version with a data-quality issue: unknown_features, missing_features (against the reference) or non_finite_refused (refused at ingest)",
        ["model", "model_version", "issue"]);
}
