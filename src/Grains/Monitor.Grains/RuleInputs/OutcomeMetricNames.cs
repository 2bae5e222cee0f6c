namespace Monitor.Grains.RuleInputs;

/// <summary>
/// Names of a version's outcome figures for alert rules. Ratios are fractions in [0, 1]; label
/// figures count the labels whose own time falls in the window, rates count events in the window per
/// successful prediction made in it. <see cref="EventRate"/> takes the custom event type as its feature.
/// </summary>
public static class OutcomeMetricNames
{
    public const string Accuracy = "accuracy";
    public const string PrecisionMacro = "precision_macro";
    public const string RecallMacro = "recall_macro";
    public const string F1Macro = "f1_macro";
    public const string F1Weighted = "f1_weighted";
    public const string RocAuc = "roc_auc";
    public const string Mae = "mae";
    public const string Rmse = "rmse";
    public const string Mape = "mape";

    /// <summary>Accuracy estimated from confidences (CBPE), available without labels.</summary>
    public const string EstimatedAccuracy = "estimated_accuracy";

    /// <summary>
    /// 1 when the window's realized figures fall outside the estimate's band (the labels contradict CBPE),
    /// 0 when they fall inside, NaN until the window has enough labels to judge.
    /// </summary>
    public const string EstimateContradicted = "estimate_contradicted";

    /// <summary>Expected calibration error of the labelled predictions.</summary>
    public const string CalibrationError = "calibration_error";

    /// <summary>Share of the window's successful predictions that have a label by now.</summary>
    public const string LabelCoverage = "label_coverage";

    /// <summary>Median seconds from prediction to label.</summary>
    public const string LabelDelayP50 = "label_delay_p50_seconds";

    /// <summary>Labels in the window that could not be joined (late or unknown id), as a share of all labels in it.</summary>
    public const string UnjoinedLabelShare = "unjoined_label_share";

    public const string ClickThroughRate = "click_through_rate";
    public const string ConversionRate = "conversion_rate";
    public const string RevenuePerPrediction = "revenue_per_prediction";
    public const string Revenue = "revenue";

    /// <summary>Events of the custom type named by the query's feature, per successful prediction.</summary>
    public const string EventRate = "event_rate";

    public static IReadOnlyList<string> All { get; } =
    [
        Accuracy, PrecisionMacro, RecallMacro, F1Macro, F1Weighted, RocAuc, Mae, Rmse, Mape, EstimatedAccuracy, EstimateContradicted, CalibrationError,
        LabelCoverage, LabelDelayP50, UnjoinedLabelShare, ClickThroughRate, ConversionRate, RevenuePerPrediction, Revenue, EventRate,
    ];
}
