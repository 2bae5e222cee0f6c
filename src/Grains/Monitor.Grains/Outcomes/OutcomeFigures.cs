using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Outcomes;

/// <summary>The figures users read, computed from merged outcome buckets.</summary>
public static class OutcomeFigures
{
    public static double? Accuracy(OutcomeBucket outcomes) =>
        outcomes.Classified == 0 ? null : (double)outcomes.Correct / outcomes.Classified;

    public static double? Mae(RegressionErrors? errors) =>
        errors is null || errors.Count == 0 ? null : errors.AbsoluteSum / errors.Count;

    public static double? Rmse(RegressionErrors? errors) =>
        errors is null || errors.Count == 0 ? null : Math.Sqrt(errors.SquaredSum / errors.Count);

    public static double? Mape(RegressionErrors? errors) =>
        errors is null || errors.RelativeCount == 0 ? null : errors.RelativeSum / errors.RelativeCount;

    /// <summary>Successful predictions with a label by now, of those made in the period.</summary>
    public static double? Coverage(OutcomeAggregate aggregate) =>
        aggregate.Successes == 0 ? null : Math.Min(1.0, (double)aggregate.LabeledPredictions / aggregate.Successes);

    /// <summary>
    /// The confidence-based estimate of accuracy over the successful predictions: the mean of their
    /// confidences, calibrated on the labelled reference when there is one.
    /// </summary>
    public static double? EstimatedAccuracy(OutcomeAggregate aggregate, ReferenceCalibration? calibration) =>
        PerformanceEstimator.Estimate(aggregate.Estimates, calibration)?.Accuracy;

    /// <summary>Counted events of the type per successful prediction.</summary>
    public static double? Rate(OutcomeAggregate aggregate, int type) =>
        aggregate.Successes == 0 ? null : (double)(aggregate.Outcomes.Events?.Counted(type) ?? 0) / aggregate.Successes;

    /// <summary>Summed values of the type per successful prediction.</summary>
    public static double? ValuePerPrediction(OutcomeAggregate aggregate, int type) =>
        aggregate.Successes == 0 ? null : (aggregate.Outcomes.Events?.ValueSum(type) ?? 0) / aggregate.Successes;

    /// <summary>
    /// Expected calibration error: Σ (n_b / n) · |accuracy_b − mean confidence_b| over the twenty
    /// confidence bins of the labelled predictions; null without labelled confidences.
    /// </summary>
    public static double? CalibrationError(CalibrationBins? bins)
    {
        if (bins is null)
        {
            return null;
        }

        long total = 0;
        foreach (var c in bins.Counts)
        {
            total += c;
        }

        if (total == 0)
        {
            return null;
        }

        var error = 0.0;
        for (var b = 0; b < CalibrationBins.BinCount; b++)
        {
            var n = bins.Counts[b];
            if (n > 0)
            {
                error += (double)n / total * Math.Abs(((double)bins.CorrectCounts[b] / n) - (bins.ConfidenceSums[b] / n));
            }
        }

        return error;
    }

    /// <summary>
    /// ROC AUC from the binned class-0 scores, as the Mann-Whitney probability that a true class-0
    /// label scores above another (ties count half); null unless binary with both classes present.
    /// The value does not depend on which class is called positive.
    /// </summary>
    public static (double Auc, double MaxError, long Class0, long Others)? Auc(ScoreHistogram? scores)
    {
        if (scores is null || scores.NonBinary > 0)
        {
            return null;
        }

        long positives = 0, negatives = 0;
        for (var b = 0; b < ScoreHistogram.Bins; b++)
        {
            positives += scores.Class0[b];
            negatives += scores.Others[b];
        }

        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        double wins = 0, ties = 0;
        long negativesBelow = 0;
        for (var b = 0; b < ScoreHistogram.Bins; b++)
        {
            wins += (double)scores.Class0[b] * negativesBelow;
            ties += (double)scores.Class0[b] * scores.Others[b];
            negativesBelow += scores.Others[b];
        }

        var pairs = (double)positives * negatives;
        return ((wins + (0.5 * ties)) / pairs, 0.5 * ties / pairs, positives, negatives);
    }

    public static double? DelayP50(QuantileSketch? delay) =>
        delay is null || delay.Count == 0 ? null : delay.Quantile(0.5);

    /// <summary>The outcome figures of one time-series step; a ROC AUC only for a binary classifier.</summary>
    public static OutcomePoint Point(MetricBucket step, bool binaryClassifier, ReferenceCalibration? calibration)
    {
        var aggregate = OutcomeAggregate.Of(step);
        var outcomes = aggregate.Outcomes;
        var scores = ClassScores.Of(outcomes.Confusion);
        return new OutcomePoint
        {
            Labels = outcomes.Joined,
            Accuracy = Accuracy(outcomes),
            F1Macro = scores.F1Macro,
            Mae = Mae(outcomes.Regression),
            Rmse = Rmse(outcomes.Regression),
            EstimatedAccuracy = EstimatedAccuracy(aggregate, calibration),
            LabelCoverage = Coverage(aggregate),
            LabelDelayP50Seconds = DelayP50(outcomes.DelaySeconds),
            ClickThroughRate = Rate(aggregate, EventTally.ClickId),
            ConversionRate = Rate(aggregate, EventTally.ConversionId),
            RevenuePerPrediction = ValuePerPrediction(aggregate, EventTally.RevenueId),
            Revenue = outcomes.Events?.ValueSum(EventTally.RevenueId) ?? 0,
            PrecisionMacro = scores.PrecisionMacro,
            RecallMacro = scores.RecallMacro,
            PrecisionWeighted = scores.PrecisionWeighted,
            RecallWeighted = scores.RecallWeighted,
            F1Weighted = scores.F1Weighted,
            RocAuc = binaryClassifier && Auc(outcomes.Scores) is { } auc ? auc.Auc : null,
            Mape = Mape(outcomes.Regression),
            CalibrationError = CalibrationError(outcomes.Calibration),
            LateLabels = outcomes.Late,
            UnknownIdLabels = outcomes.UnknownIds,
            DuplicateLabels = outcomes.Duplicates,
        };
    }
}
