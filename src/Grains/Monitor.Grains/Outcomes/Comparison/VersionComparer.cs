using Monitor.Statistics.Comparison;

namespace Monitor.Grains.Outcomes.Comparison;

/// <summary>
/// Sets two versions' samples side by side, metric by metric (B against A). Better is higher for
/// success rate, confidence, accuracy, click-through, conversion and revenue; lower for latency and
/// absolute error.
/// </summary>
public static class VersionComparer
{
    public static VersionComparison Compare(VersionSample a, VersionSample b)
    {
        var metrics = new List<MetricComparison>
        {
            ProportionComparison.Compare("success_rate", Verdicts.Higher, a.Successes, a.Predictions, b.Successes, b.Predictions),
            MeanComparison.Compare("latency_mean_ms", Verdicts.Lower, a.Latency, b.Latency, a.LatencyGroups, b.LatencyGroups),
        };

        for (var i = 0; i < a.LatencyQuantiles.Count && i < b.LatencyQuantiles.Count; i++)
        {
            var q = a.LatencyQuantiles[i].Q;
            metrics.Add(QuantileComparison.Compare(
                $"latency_p{q * 100:0}_ms", Verdicts.Lower, a.LatencyQuantiles[i], a.Latency.Count, b.LatencyQuantiles[i], b.Latency.Count,
                a.LatencyGroups.Exact && b.LatencyGroups.Exact));
        }

        metrics.Add(MeanComparison.Compare("confidence_mean", Verdicts.Higher, a.Confidence, b.Confidence));
        if (a.Kind == "classification" || b.Kind == "classification")
        {
            metrics.Add(ProportionComparison.Compare("accuracy", Verdicts.Higher, a.Correct, a.Classified, b.Correct, b.Classified));

            // CBPE: the expected accuracy is the mean score (calibrated confidence), so it is tested as a mean is.
            var estimated = MeanComparison.Compare("estimated_accuracy", Verdicts.Higher, a.EstimatedScores, b.EstimatedScores);
            metrics.Add(EstimateNote(a, b) is { } note ? estimated with { Note = estimated.Note is null ? note : $"{estimated.Note}; {note}" } : estimated);
        }

        if (a.AbsoluteError.Count > 0 || b.AbsoluteError.Count > 0)
        {
            metrics.Add(MeanComparison.Compare("mae", Verdicts.Lower, a.AbsoluteError, b.AbsoluteError));
        }

        metrics.Add(EventRate("click_through_rate", a.Clicks, a.Successes, b.Clicks, b.Successes));
        metrics.Add(EventRate("conversion_rate", a.Conversions, a.Successes, b.Conversions, b.Successes));
        metrics.Add(a.Revenue.SumOfSquares == 0 && b.Revenue.SumOfSquares == 0
            ? MetricComparisons.Insufficient("revenue_per_prediction", Verdicts.Higher, MeanComparison.Test, 0, 0, a.Revenue.Count, b.Revenue.Count, "no revenue events in the period")
            : MeanComparison.Compare("revenue_per_prediction", Verdicts.Higher, a.Revenue, b.Revenue, a.RevenueGroups, b.RevenueGroups));

        var traffic = a.Predictions + b.Predictions;
        return new VersionComparison
        {
            A = a.Version,
            B = b.Version,
            From = a.From < b.From ? a.From : b.From,
            To = a.To > b.To ? a.To : b.To,
            Traffic = new TrafficShare
            {
                PredictionsA = a.Predictions,
                PredictionsB = b.Predictions,
                ShareA = traffic == 0 ? null : (double)a.Predictions / traffic,
                ShareB = traffic == 0 ? null : (double)b.Predictions / traffic,
            },
            Drift = new DriftSideBySide { A = a.Drift, B = b.Drift },
            DriftNote = ComparisonDrift.Note,
            Metrics = metrics,
            Estimates = a.Estimate is null && b.Estimate is null ? null : new EstimateSideBySide { A = a.Estimate, B = b.Estimate },
        };
    }

    /// <summary>What a reader of the estimated accuracy must know: which side trusts raw confidences, and whose labels contradict its estimate.</summary>
    private static string? EstimateNote(VersionSample a, VersionSample b)
    {
        var notes = new List<string>();
        var uncalibrated = new[] { (Side: "A", a.Estimate), (Side: "B", b.Estimate) }.Where(s => s.Estimate?.Uncalibrated == true).Select(s => s.Side).ToList();
        if (uncalibrated.Count > 0)
        {
            notes.Add($"uncalibrated ({string.Join(" and ", uncalibrated)}: no labelled reference, raw confidences)");
        }

        foreach (var (side, estimate) in new[] { ("A", a.Estimate), ("B", b.Estimate) })
        {
            if (estimate?.EstimateContradicted == true)
            {
                notes.Add($"{side}'s estimate is contradicted by its labels");
            }
        }

        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    private static MetricComparison EventRate(string metric, long eventsA, long trialsA, long eventsB, long trialsB) =>
        eventsA == 0 && eventsB == 0
            ? MetricComparisons.Insufficient(metric, Verdicts.Higher, ProportionComparison.Test, trialsA == 0 ? null : 0, trialsB == 0 ? null : 0, trialsA, trialsB, "no such events in the period")
            : ProportionComparison.Compare(metric, Verdicts.Higher, eventsA, trialsA, eventsB, trialsB);
}
