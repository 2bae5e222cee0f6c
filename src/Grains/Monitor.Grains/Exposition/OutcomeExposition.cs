using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Prometheus;

namespace Monitor.Grains.Exposition;

/// <summary>
/// The Prometheus families of labels, joins and business events, exported by the silo that hosts each
/// version (the single node's /metrics, a cluster silo's metrics port). Labels are bounded: versions by
/// the registry's cap, event types by each version's vocabulary, outcomes by fixed sets. Gauges cover
/// the last <see cref="OutcomeOptions.MetricsWindow"/> and are refreshed on the version's timer.
/// </summary>
public static class OutcomeExposition
{
    private static readonly string[] VersionLabels = ["model", "model_version"];

    public static readonly Counter Labels = Prometheus.Metrics.CreateCounter(
        "monitor_labels_total", "Labels by how they joined their prediction (joined, duplicate, late, unknown_id, unscorable)",
        "model", "model_version", "outcome");

    public static readonly Counter Events = Prometheus.Metrics.CreateCounter(
        "monitor_business_events_total", "Business events by type, counted or left out as duplicates", "model", "model_version", "type", "outcome");

    public static readonly Counter UnattributedLabels = Prometheus.Metrics.CreateCounter(
        "monitor_unattributed_labels_total", "Labels that named no version and that no version could join (late, unknown_id)", "model", "outcome");

    public static readonly Counter UnattributedEvents = Prometheus.Metrics.CreateCounter(
        "monitor_unattributed_events_total", "Business events that named no version and that no version could join (late, unknown_id)", "model", "outcome");

    public static readonly Counter Evictions = Prometheus.Metrics.CreateCounter(
        "monitor_prediction_index_evictions_total", "Predictions that left the join index, by reason (horizon, cap, budget: the node's memory budget for join indexes)", "model", "model_version", "reason");

    public static readonly Gauge IndexEntries = Gauge("monitor_prediction_index_entries", "Predictions a version holds for joins");
    public static readonly Gauge PendingLabels = Gauge("monitor_labels_pending", "Labels waiting for their prediction");
    public static readonly Gauge Accuracy = Gauge("monitor_accuracy_ratio", "Realized accuracy of the labels of the metrics window");
    public static readonly Gauge PrecisionMacro = Gauge("monitor_precision_macro_ratio", "Macro-averaged precision of the labels of the metrics window");
    public static readonly Gauge RecallMacro = Gauge("monitor_recall_macro_ratio", "Macro-averaged recall of the labels of the metrics window");
    public static readonly Gauge F1Macro = Gauge("monitor_f1_macro_ratio", "Macro-averaged F1 of the labels of the metrics window");
    public static readonly Gauge F1Weighted = Gauge("monitor_f1_weighted_ratio", "Support-weighted F1 of the labels of the metrics window");
    public static readonly Gauge RocAuc = Gauge("monitor_roc_auc_ratio", "ROC AUC of a binary classifier over the labels of the metrics window");
    public static readonly Gauge EstimatedAccuracy = Gauge("monitor_estimated_accuracy_ratio", "Accuracy estimated from confidences (CBPE) over the predictions of the metrics window");
    public static readonly Gauge EstimateContradicted = Gauge("monitor_estimate_contradicted", "1 when the labels of the metrics window fall outside the band of the performance estimate, 0 when inside, NaN until enough labels");
    public static readonly Gauge CalibrationError = Gauge("monitor_calibration_error_ratio", "Expected calibration error of the labelled predictions of the metrics window");
    public static readonly Gauge LabelCoverage = Gauge("monitor_label_coverage_ratio", "Share of the metrics window's successful predictions labelled by now");
    public static readonly Gauge LabelDelay = Gauge("monitor_label_delay_p50_seconds", "Median time from prediction to label over the metrics window");
    public static readonly Gauge Mae = Gauge("monitor_regression_mae", "Mean absolute error of the regression labels of the metrics window");
    public static readonly Gauge Rmse = Gauge("monitor_regression_rmse", "Root mean squared error of the regression labels of the metrics window");
    public static readonly Gauge Mape = Gauge("monitor_regression_mape_ratio", "Mean absolute percentage error (as a fraction) of the regression labels of the metrics window");
    public static readonly Gauge ClickThrough = Gauge("monitor_click_through_ratio", "Clicks per successful prediction over the metrics window");
    public static readonly Gauge Conversion = Gauge("monitor_conversion_ratio", "Conversions per successful prediction over the metrics window");
    public static readonly Gauge RevenuePerPrediction = Gauge("monitor_revenue_per_prediction", "Revenue per successful prediction over the metrics window");
    public static readonly Gauge Revenue = Gauge("monitor_revenue", "Revenue summed over the metrics window");

    private static Gauge Gauge(string name, string help) => Prometheus.Metrics.CreateGauge(name, help, VersionLabels);
}
