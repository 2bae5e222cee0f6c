namespace Monitor.Grains.Outcomes;

/// <summary>
/// A version's outcomes over the summary's period: labels and how they joined, realized performance,
/// performance estimated from confidences, business events, and the state of the join index.
/// Labels and events count in the period of their own time; coverage and the estimate count the
/// predictions made in the period.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.OutcomeSummary")]
public sealed record OutcomeSummary
{
    [Id(0)] public required LabelSummary Labels { get; init; }
    [Id(1)] public ClassificationPerformance? Classification { get; init; }
    [Id(2)] public RegressionPerformance? Regression { get; init; }
    [Id(3)] public EstimatedPerformance? Estimated { get; init; }
    [Id(4)] public required BusinessSummary Business { get; init; }
    [Id(5)] public required JoinIndexSummary Index { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.LabelSummary")]
public sealed record LabelSummary
{
    /// <summary>Labels joined and scored in the period.</summary>
    [Id(0)] public required long Joined { get; init; }
    [Id(1)] public required long Duplicate { get; init; }
    [Id(2)] public required long Late { get; init; }
    [Id(3)] public required long UnknownId { get; init; }
    [Id(4)] public required long Unscorable { get; init; }

    /// <summary>Labels waiting for their prediction now.</summary>
    [Id(5)] public required long PendingNow { get; init; }

    /// <summary>Successful predictions made in the period.</summary>
    [Id(6)] public required long Predictions { get; init; }

    /// <summary>Of those, how many have a label by now.</summary>
    [Id(7)] public required long LabeledPredictions { get; init; }

    /// <summary>LabeledPredictions / Predictions; null without predictions.</summary>
    [Id(8)] public double? Coverage { get; init; }

    /// <summary>Time from prediction to label, of the labels joined in the period.</summary>
    [Id(9)] public DelaySummary? DelaySeconds { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.DelaySummary")]
public sealed record DelaySummary
{
    [Id(0)] public required double Mean { get; init; }
    [Id(1)] public required double P50 { get; init; }
    [Id(2)] public required double P95 { get; init; }
    [Id(3)] public required double Max { get; init; }

    /// <summary>Relative error bound of P50 and P95 (a quantile sketch); mean and max are exact.</summary>
    [Id(4)] public required double RelativeError { get; init; }
}

/// <summary>Realized classification performance. Metrics undefined for lack of data are null; a class never predicted has precision 0.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ClassificationPerformance")]
public sealed record ClassificationPerformance
{
    [Id(0)] public required long Count { get; init; }
    [Id(1)] public required long Correct { get; init; }
    [Id(2)] public double? Accuracy { get; init; }
    [Id(3)] public double? PrecisionMacro { get; init; }
    [Id(4)] public double? RecallMacro { get; init; }
    [Id(5)] public double? F1Macro { get; init; }
    [Id(6)] public double? PrecisionWeighted { get; init; }
    [Id(7)] public double? RecallWeighted { get; init; }
    [Id(8)] public double? F1Weighted { get; init; }
    [Id(9)] public required IReadOnlyList<ClassPerformance> Classes { get; init; }
    [Id(10)] public required ConfusionMatrix ConfusionMatrix { get; init; }
    [Id(11)] public RocAuc? RocAuc { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.ClassPerformance")]
public sealed record ClassPerformance
{
    [Id(0)] public required string Class { get; init; }
    [Id(1)] public required double Precision { get; init; }
    [Id(2)] public required double Recall { get; init; }
    [Id(3)] public required double F1 { get; init; }

    /// <summary>Labels of this class.</summary>
    [Id(4)] public required long Support { get; init; }

    /// <summary>Labelled predictions of this class.</summary>
    [Id(5)] public required long Predicted { get; init; }
}

/// <summary>Rows are the true classes, columns the predicted ones, both in the order of <see cref="Classes"/>.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ConfusionMatrix")]
public sealed record ConfusionMatrix
{
    [Id(0)] public required IReadOnlyList<string> Classes { get; init; }
    [Id(1)] public required IReadOnlyList<IReadOnlyList<long>> Counts { get; init; }
}

/// <summary>
/// ROC AUC of a binary classifier from the positive-class score its prediction and confidence imply.
/// Scores are binned at 0.01: exact when scores have at most two decimals, otherwise within <see cref="MaxError"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.RocAuc")]
public sealed record RocAuc
{
    [Id(0)] public required double Value { get; init; }
    [Id(1)] public required string PositiveClass { get; init; }
    [Id(2)] public required long Positives { get; init; }
    [Id(3)] public required long Negatives { get; init; }

    /// <summary>The largest difference binning can make to the value.</summary>
    [Id(4)] public required double MaxError { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.RegressionPerformance")]
public sealed record RegressionPerformance
{
    [Id(0)] public required long Count { get; init; }
    [Id(1)] public required double Mae { get; init; }
    [Id(2)] public required double Rmse { get; init; }

    /// <summary>Mean |error| / |truth| over the labels whose truth is not zero; null when all are zero.</summary>
    [Id(3)] public double? Mape { get; init; }
    [Id(4)] public required long MapeCount { get; init; }

    /// <summary>Mean of prediction − truth (the bias).</summary>
    [Id(5)] public required double MeanError { get; init; }
}

/// <summary>
/// Performance estimated from confidences without labels (confidence-based performance estimation) over
/// the period's successful predictions: with a labelled reference, confidences are calibrated on it and
/// each figure has a band from reference chunks; without one the estimate trusts the raw confidences
/// (<see cref="Uncalibrated"/>). Beside it, once labels exist: the realized figures, whether they fall
/// outside the band, and how well calibrated the raw confidences are.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.EstimatedPerformance")]
public sealed record EstimatedPerformance
{
    [Id(0)] public required string Method { get; init; }

    /// <summary>Successful predictions with a class and a confidence in the period (failed predictions are not scored, nor estimated).</summary>
    [Id(1)] public required long Predictions { get; init; }
    [Id(2)] public double? Accuracy { get; init; }
    [Id(3)] public double? RealizedAccuracy { get; init; }

    /// <summary>The mean raw confidence of just the labelled predictions: its gap to the realized accuracy is the raw confidences' bias.</summary>
    [Id(4)] public double? AccuracyOfLabeled { get; init; }

    /// <summary>Expected calibration error over the labelled predictions (20 equal-width confidence bins).</summary>
    [Id(5)] public double? CalibrationError { get; init; }
    [Id(6)] public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    /// <summary>True when the version's reference has no labels, so the estimate trusts the raw confidences.</summary>
    [Id(7)] public bool Uncalibrated { get; init; }

    /// <summary>Labelled reference rows the confidences were calibrated on; null when uncalibrated.</summary>
    [Id(8)] public int? CalibrationRows { get; init; }
    [Id(9)] public double? PrecisionMacro { get; init; }
    [Id(10)] public double? RecallMacro { get; init; }
    [Id(11)] public double? F1Macro { get; init; }

    /// <summary>Each estimated figure with its band and, once labels exist, the realized figure.</summary>
    [Id(12)] public IReadOnlyList<EstimatedMetric> Metrics { get; init; } = [];

    /// <summary>True when a realized figure falls outside its band; false when none does; null until enough labels.</summary>
    [Id(13)] public bool? EstimateContradicted { get; init; }

    /// <summary>The sample size the bands are for: the period's labels once there are any, its predictions before.</summary>
    [Id(14)] public long BandSize { get; init; }

    /// <summary>"reference_chunks" (labelled reference) or "binomial" (accuracy only, uncalibrated); null without a band.</summary>
    [Id(15)] public string? BandMethod { get; init; }

    /// <summary>What the estimate rests on, or why it is not judged.</summary>
    [Id(16)] public string? Note { get; init; }
}

/// <summary>
/// One estimated figure: the estimate, the band the realized figure should fall in if the estimate holds
/// (estimate ± 3 standard deviations of the realized metric over samples of the band's size), the realized
/// figure, and whether it falls outside.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.EstimatedMetric")]
public sealed record EstimatedMetric
{
    /// <summary>"accuracy", "precision_macro", "recall_macro" or "f1_macro".</summary>
    [Id(0)] public required string Metric { get; init; }
    [Id(1)] public required double Estimate { get; init; }
    [Id(2)] public double? Lower { get; init; }
    [Id(3)] public double? Upper { get; init; }
    [Id(4)] public double? Realized { get; init; }

    /// <summary>Null when there is no band or too few labels to judge.</summary>
    [Id(5)] public bool? Contradicted { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.CalibrationBin")]
public sealed record CalibrationBin
{
    [Id(0)] public required double Lower { get; init; }
    [Id(1)] public required double Upper { get; init; }
    [Id(2)] public required long Count { get; init; }
    [Id(3)] public required double MeanConfidence { get; init; }
    [Id(4)] public required double Accuracy { get; init; }
}

/// <summary>Business events in the period, per successful prediction made in the period.</summary>
[GenerateSerializer, Immutable, Alias("monitor.BusinessSummary")]
public sealed record BusinessSummary
{
    [Id(0)] public required long Predictions { get; init; }
    [Id(1)] public double? ClickThroughRate { get; init; }
    [Id(2)] public double? ConversionRate { get; init; }
    [Id(3)] public double? RevenuePerPrediction { get; init; }
    [Id(4)] public required double RevenueTotal { get; init; }
    [Id(5)] public required IReadOnlyList<EventTypeSummary> Types { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.EventTypeSummary")]
public sealed record EventTypeSummary
{
    [Id(0)] public required string Type { get; init; }

    /// <summary>Events that count (duplicates excluded).</summary>
    [Id(1)] public required long Events { get; init; }
    [Id(2)] public required long Duplicates { get; init; }

    /// <summary>Of the events, those joined to their prediction.</summary>
    [Id(3)] public required long Matched { get; init; }

    /// <summary>Events per successful prediction.</summary>
    [Id(4)] public double? Rate { get; init; }
    [Id(5)] public required double ValueSum { get; init; }
    [Id(6)] public double? ValuePerPrediction { get; init; }
}

/// <summary>The version's index of recent predictions by id, which labels and events join against.</summary>
[GenerateSerializer, Immutable, Alias("monitor.JoinIndexSummary")]
public sealed record JoinIndexSummary
{
    [Id(0)] public required long Held { get; init; }
    [Id(1)] public required long Capacity { get; init; }
    [Id(2)] public required double HorizonHours { get; init; }

    /// <summary>Predictions pushed out before the horizon because the index was full.</summary>
    [Id(3)] public required long EvictedByCap { get; init; }
    [Id(4)] public required long EvictedByHorizon { get; init; }

    /// <summary>Predictions whose id was reused by a later prediction (the later one is joined).</summary>
    [Id(5)] public required long ReplacedIds { get; init; }
    [Id(6)] public required long PendingLabels { get; init; }

    /// <summary>Since the version started: labels by how they joined.</summary>
    [Id(7)] public required LabelJoinCounts LabelsSinceStart { get; init; }

    /// <summary>Predictions let go of before the horizon because the node's join indexes were over their memory budget (Monitor:Outcomes:JoinIndexBudgetBytes).</summary>
    [Id(8)] public long EvictedByBudget { get; init; }
}

/// <summary>Outcome figures of one time-series step.</summary>
[GenerateSerializer, Immutable, Alias("monitor.OutcomePoint")]
public sealed record OutcomePoint
{
    [Id(0)] public required long Labels { get; init; }
    [Id(1)] public double? Accuracy { get; init; }
    [Id(2)] public double? F1Macro { get; init; }
    [Id(3)] public double? Mae { get; init; }
    [Id(4)] public double? Rmse { get; init; }
    [Id(5)] public double? EstimatedAccuracy { get; init; }
    [Id(6)] public double? LabelCoverage { get; init; }
    [Id(7)] public double? LabelDelayP50Seconds { get; init; }
    [Id(8)] public double? ClickThroughRate { get; init; }
    [Id(9)] public double? ConversionRate { get; init; }
    [Id(10)] public double? RevenuePerPrediction { get; init; }
    [Id(11)] public required double Revenue { get; init; }
    [Id(12)] public double? PrecisionMacro { get; init; }
    [Id(13)] public double? RecallMacro { get; init; }
    [Id(14)] public double? PrecisionWeighted { get; init; }
    [Id(15)] public double? RecallWeighted { get; init; }
    [Id(16)] public double? F1Weighted { get; init; }

    /// <summary>Null unless the version is a binary classifier with both classes among the step's labels.</summary>
    [Id(17)] public double? RocAuc { get; init; }
    [Id(18)] public double? Mape { get; init; }
    [Id(19)] public double? CalibrationError { get; init; }

    /// <summary>Labels of the step that could not be scored for their prediction: late, unknown id, duplicate.</summary>
    [Id(20)] public long LateLabels { get; init; }
    [Id(21)] public long UnknownIdLabels { get; init; }
    [Id(22)] public long DuplicateLabels { get; init; }
}
