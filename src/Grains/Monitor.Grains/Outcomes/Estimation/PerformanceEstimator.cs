namespace Monitor.Grains.Outcomes.Estimation;

/// <summary>
/// Confidence-based performance estimation over a period's successful predictions. Each prediction's
/// score is the probability that it is right: its confidence mapped through the labelled reference's
/// calibration, or the raw confidence without one (uncalibrated). From the scores, expected counts per
/// class k: TP = Σ score over the predictions of k, FP = predictions of k − TP, and FN = the expected
/// errors of the other classes' predictions that belong to k (as the reference's errors are distributed;
/// without a labelled reference, spread evenly over the other predicted classes). Accuracy is the mean
/// score; precision, recall and F1 per class come from the expected counts as scikit-learn defines them,
/// macro-averaged over the classes predicted or expected at least half a true label.
/// </summary>
public static class PerformanceEstimator
{
    public static PerformanceEstimate? Estimate(ConfidenceCells? cells, ReferenceCalibration? calibration)
    {
        if (cells is null || cells.Classes.Count == 0)
        {
            return null;
        }

        var names = cells.Classes.Keys.Order(StringComparer.Ordinal).ToList();
        var count = new Dictionary<string, double>(StringComparer.Ordinal);
        var right = new Dictionary<string, double>(StringComparer.Ordinal);
        long n = 0;
        double sum = 0, squares = 0;
        foreach (var name in names)
        {
            double classCount = 0, classRight = 0;
            foreach (var cell in cells.Classes[name].Values)
            {
                var score = calibration is null ? cell.Mean : calibration.Calibrator.Apply(cell.Mean);
                classCount += cell.Count;
                classRight += cell.Count * score;
                squares += calibration is null ? cell.SumOfSquares : cell.Count * score * score;
            }

            count[name] = classCount;
            right[name] = classRight;
            n += (long)classCount;
            sum += classRight;
        }

        var missed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var wrong = count[name] - right[name];
            foreach (var (truth, share) in ErrorsOf(name, names, calibration))
            {
                missed[truth] = missed.GetValueOrDefault(truth) + (wrong * share);
            }
        }

        double precision = 0, recall = 0, f1 = 0;
        var classes = 0;
        foreach (var name in names.Union(missed.Keys).Order(StringComparer.Ordinal))
        {
            var predicted = count.GetValueOrDefault(name);
            var tp = right.GetValueOrDefault(name);
            var fn = missed.GetValueOrDefault(name);
            var support = tp + fn;
            if (predicted == 0 && support < 0.5)
            {
                continue;
            }

            classes++;
            precision += predicted > 0 ? tp / predicted : 0;
            recall += support > 0 ? tp / support : 0;
            var denominator = (2 * tp) + (predicted - tp) + fn;
            f1 += denominator > 0 ? 2 * tp / denominator : 0;
        }

        return new PerformanceEstimate(
            n,
            sum / n,
            precision / classes,
            recall / classes,
            f1 / classes,
            Calibrated: calibration is not null,
            new Moments(n, sum, squares));
    }

    private static IEnumerable<KeyValuePair<string, double>> ErrorsOf(string predicted, List<string> names, ReferenceCalibration? calibration)
    {
        if (calibration is not null)
        {
            var shares = calibration.ErrorsOf(predicted);
            if (shares.Count > 0)
            {
                return shares;
            }
        }

        var others = names.Where(other => other != predicted).ToList();
        return others.Select(other => new KeyValuePair<string, double>(other, 1.0 / others.Count));
    }
}

/// <summary>The estimate over a period: predictions it rests on, the figures, and the moments of the scores (for comparisons).</summary>
public sealed record PerformanceEstimate(
    long Predictions, double Accuracy, double PrecisionMacro, double RecallMacro, double F1Macro, bool Calibrated, Moments Scores);
