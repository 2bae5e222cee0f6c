namespace Monitor.Grains.Outcomes.Estimation;

/// <summary>
/// Sets an estimate beside what the labels say. Each figure's band is the estimate ± 3 standard
/// deviations of the realized metric over samples the size of the period's labels (before any label, of
/// its predictions): measured on chunks of the labelled reference, or, without one, the binomial
/// √(a(1 − a)/n) of the accuracy alone. With at least <see cref="MinLabels"/> labels, a realized figure
/// outside its band contradicts the estimate: the confidences no longer mean what the reference taught.
/// </summary>
public static class EstimateJudgement
{
    public const int MinLabels = 30;
    public const double Deviations = 3;

    public static EstimateVerdict Judge(PerformanceEstimate estimate, OutcomeBucket realized, ReferenceCalibration? calibration)
    {
        var labels = realized.Classified;
        var size = labels > 0 ? labels : estimate.Predictions;
        var scores = ClassScores.Of(realized.Confusion);
        var judged = labels >= MinLabels;
        var spread = calibration?.SpreadFor(size);
        var binomial = Math.Sqrt(estimate.Accuracy * (1 - estimate.Accuracy) / size);
        EstimatedMetric[] metrics =
        [
            Metric("accuracy", estimate.Accuracy, spread?.Accuracy ?? (calibration is null ? binomial : null), OutcomeFigures.Accuracy(realized), judged),
            Metric("precision_macro", estimate.PrecisionMacro, spread?.PrecisionMacro, scores.PrecisionMacro, judged),
            Metric("recall_macro", estimate.RecallMacro, spread?.RecallMacro, scores.RecallMacro, judged),
            Metric("f1_macro", estimate.F1Macro, spread?.F1Macro, scores.F1Macro, judged),
        ];
        var verdicts = metrics.Where(m => m.Contradicted is not null).ToList();
        bool? contradicted = verdicts.Count == 0 ? null : verdicts.Any(m => m.Contradicted == true);
        var method = spread is not null ? "reference_chunks" : calibration is null ? "binomial" : null;
        return new EstimateVerdict(metrics, contradicted, size, method, Note(estimate, labels, calibration, spread, contradicted, metrics));
    }

    private static EstimatedMetric Metric(string name, double estimate, double? deviation, double? realized, bool judged)
    {
        double? lower = deviation is { } d ? Math.Max(0, estimate - (Deviations * d)) : null;
        double? upper = deviation is { } e ? Math.Min(1, estimate + (Deviations * e)) : null;
        bool? contradicted = judged && realized is { } r && lower is { } lo && upper is { } hi ? r < lo || r > hi : null;
        return new EstimatedMetric { Metric = name, Estimate = estimate, Lower = lower, Upper = upper, Realized = realized, Contradicted = contradicted };
    }

    private static string Note(PerformanceEstimate estimate, long labels, ReferenceCalibration? calibration, MetricSpread? spread,
        bool? contradicted, EstimatedMetric[] metrics)
    {
        var basis = calibration is null
            ? "uncalibrated: the reference has no labels, so the raw confidences are trusted (give the reference labels to calibrate them)"
            : $"confidences calibrated on {calibration.Rows:N0} labelled reference rows";
        if (calibration is not null && spread is null)
        {
            basis += $"; no band: the reference needs at least {ChunkSpread.MinChunks} labelled rows";
        }

        if (contradicted == true)
        {
            var off = string.Join(", ", metrics.Where(m => m.Contradicted == true).Select(m => m.Metric));
            return $"{basis}; contradicted by the labels: realized {off} outside the band";
        }

        return labels < MinLabels
            ? $"{basis}; {labels:N0} labels in the period, {MinLabels} needed to judge the estimate against them"
            : $"{basis}; {estimate.Predictions:N0} predictions, {labels:N0} labels";
    }
}

/// <summary>The estimated figures with their bands and realized values, and whether the labels contradict the estimate.</summary>
public sealed record EstimateVerdict(IReadOnlyList<EstimatedMetric> Metrics, bool? Contradicted, long BandSize, string? BandMethod, string Note);
