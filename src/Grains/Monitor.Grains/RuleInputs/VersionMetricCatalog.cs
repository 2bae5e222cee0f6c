namespace Monitor.Grains.RuleInputs;

/// <summary>
/// Every metric name alert rules may use: the one list rules are validated against. A part of a
/// version that offers figures through <see cref="IVersionMetrics"/> adds one line here per name
/// (per-feature metrics with <c>PerFeature: true</c>, so rules on them must name a feature).
/// </summary>
public static class VersionMetricCatalog
{
    public static IReadOnlyList<VersionMetricDescriptor> All { get; } =
    [
        new(VersionMetricNames.LatencyP50, "ms", "median latency"),
        new(VersionMetricNames.LatencyP95, "ms", "95th percentile latency"),
        new(VersionMetricNames.LatencyP99, "ms", "99th percentile latency"),
        new(VersionMetricNames.ErrorRate, "fraction", "share of failed predictions"),
        new(VersionMetricNames.SuccessRate, "fraction", "share of successful predictions"),
        new(VersionMetricNames.Throughput, "records/s", "records per second over the window"),
        new(VersionMetricNames.ConfidenceMean, "fraction", "mean confidence"),
        new(VersionMetricNames.LowConfidenceShare, "fraction", "share of predictions below the low-confidence threshold"),
        new(OutcomeMetricNames.Accuracy, "fraction", "realized accuracy of the window's labels"),
        new(OutcomeMetricNames.PrecisionMacro, "fraction", "macro-averaged precision of the window's labels"),
        new(OutcomeMetricNames.RecallMacro, "fraction", "macro-averaged recall of the window's labels"),
        new(OutcomeMetricNames.F1Macro, "fraction", "macro-averaged F1 of the window's labels"),
        new(OutcomeMetricNames.F1Weighted, "fraction", "support-weighted F1 of the window's labels"),
        new(OutcomeMetricNames.RocAuc, "fraction", "ROC AUC of a binary classifier over the window's labels"),
        new(OutcomeMetricNames.Mae, "target units", "mean absolute error of the window's regression labels"),
        new(OutcomeMetricNames.Rmse, "target units", "root mean squared error of the window's regression labels"),
        new(OutcomeMetricNames.Mape, "fraction", "mean absolute percentage error (as a fraction) of the window's regression labels"),
        new(OutcomeMetricNames.EstimatedAccuracy, "fraction", "accuracy estimated from confidences (CBPE, calibrated on a labelled reference), without labels"),
        new(OutcomeMetricNames.EstimateContradicted, "0/1", "1 when the window's realized figures fall outside the CBPE estimate's band (NaN until 30 labels)"),
        new(OutcomeMetricNames.CalibrationError, "fraction", "expected calibration error of the window's labelled predictions"),
        new(OutcomeMetricNames.LabelCoverage, "fraction", "share of the window's successful predictions labelled by now"),
        new(OutcomeMetricNames.LabelDelayP50, "s", "median time from prediction to label"),
        new(OutcomeMetricNames.UnjoinedLabelShare, "fraction", "share of the window's labels that were late or had an unknown id"),
        new(OutcomeMetricNames.ClickThroughRate, "fraction", "clicks per successful prediction"),
        new(OutcomeMetricNames.ConversionRate, "fraction", "conversions per successful prediction"),
        new(OutcomeMetricNames.RevenuePerPrediction, "revenue units", "revenue per successful prediction"),
        new(OutcomeMetricNames.Revenue, "revenue units", "revenue summed over the window"),
        new(OutcomeMetricNames.EventRate, "fraction", "events of a custom type (the rule's feature) per successful prediction", PerFeature: true),
        new(DriftMetricNames.DriftDetected, "0/1", "1 when the latest drift evaluation's dataset verdict is drift, 0 when not; no value while no feature could be judged"),
        new(DriftMetricNames.DriftInsufficientData, "0/1", "1 when the latest drift evaluation could judge no feature (fewer records than the minimum sample)"),
        new(DriftMetricNames.DriftedFeatureShare, "fraction", "share of judged features whose drift verdict is drift"),
        new(DriftMetricNames.FeatureDriftPValue, "p-value", "p-value of the feature's drift verdict test (NaN for a distance verdict)", PerFeature: true),
        new(DriftMetricNames.FeatureDriftAdjustedPValue, "p-value", "the feature's verdict p-value after the multiple-testing correction", PerFeature: true),
        new(DriftMetricNames.FeatureDriftStatistic, "statistic", "statistic of the feature's drift verdict test", PerFeature: true),
        new(DriftMetricNames.FeatureDrifted, "0/1", "1 when the feature's drift verdict is drift", PerFeature: true),
        new(DriftMetricNames.FeaturePsi, "PSI", "population stability index of the feature against the reference", PerFeature: true),
        new(DriftMetricNames.OutputDrifted, "0/1", "1 when a model output's drift verdict is drift (feature: prediction or confidence)", PerFeature: true),
        new(DriftMetricNames.OutputDriftPValue, "p-value", "p-value of a model output's drift verdict test (feature: prediction or confidence)", PerFeature: true),
        new(DriftMetricNames.MultivariateDriftDetected, "0/1", "1 when the latest drift evaluation's multivariate verdict (PCA reconstruction error outside its bounds) is drift, 0 when not; no value without a verdict"),
        new(DriftMetricNames.MultivariateReconstructionError, "distance", "the feature window's mean PCA reconstruction error against the reference's (standardized units)"),
        new(DriftMetricNames.NullShare, "fraction", "share of records with a null for the feature", PerFeature: true),
        new(DriftMetricNames.MissingShare, "fraction", "share of records without the feature", PerFeature: true),
        new(DriftMetricNames.OutOfRangeShare, "fraction", "share of the feature's numbers outside the reference range", PerFeature: true),
        new(DriftMetricNames.UnseenCategoryShare, "fraction", "share of the feature's categories the reference never had", PerFeature: true),
        new(DriftMetricNames.SchemaViolationShare, "fraction", "share of records with a feature the reference lacks or without one it has"),
        new(DriftMetricNames.UnknownFeatureShare, "fraction", "share of records with a feature the reference lacks"),
        new(DriftMetricNames.NonFiniteRefused, "records", "records refused at ingest for a NaN or infinite value"),
    ];

    public static VersionMetricDescriptor? Find(string name)
    {
        foreach (var metric in All)
        {
            if (metric.Name == name)
            {
                return metric;
            }
        }

        return null;
    }
}

/// <param name="Name">The name rules use.</param>
/// <param name="Unit">What the value is measured in.</param>
/// <param name="Description">One line for documentation and error messages.</param>
/// <param name="PerFeature">True when the figure is per feature (rules must name one).</param>
public sealed record VersionMetricDescriptor(string Name, string Unit, string Description, bool PerFeature = false);
