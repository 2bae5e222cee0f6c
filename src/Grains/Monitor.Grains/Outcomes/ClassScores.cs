namespace Monitor.Grains.Outcomes;

/// <summary>
/// Precision, recall and F1 per class from a confusion matrix, and their macro and weighted means,
/// as scikit-learn computes them: over the classes that occur as truth or as prediction; a class never
/// predicted has precision 0 and F1 = 2TP / (2TP + FP + FN); weights are the classes' supports.
/// </summary>
public sealed class ClassScores
{
    private ClassScores(IReadOnlyList<Score> classes, long total)
    {
        Classes = classes;
        Total = total;
        if (classes.Count == 0)
        {
            return;
        }

        double precision = 0, recall = 0, f1 = 0, wPrecision = 0, wRecall = 0, wF1 = 0;
        foreach (var c in classes)
        {
            precision += c.Precision;
            recall += c.Recall;
            f1 += c.F1;
            wPrecision += c.Precision * c.Support;
            wRecall += c.Recall * c.Support;
            wF1 += c.F1 * c.Support;
        }

        PrecisionMacro = precision / classes.Count;
        RecallMacro = recall / classes.Count;
        F1Macro = f1 / classes.Count;
        if (total > 0)
        {
            PrecisionWeighted = wPrecision / total;
            RecallWeighted = wRecall / total;
            F1Weighted = wF1 / total;
        }
    }

    public IReadOnlyList<Score> Classes { get; }

    public long Total { get; }

    public double? PrecisionMacro { get; }
    public double? RecallMacro { get; }
    public double? F1Macro { get; }
    public double? PrecisionWeighted { get; }
    public double? RecallWeighted { get; }
    public double? F1Weighted { get; }

    public static ClassScores Of(ConfusionCounts? confusion)
    {
        if (confusion is null)
        {
            return new ClassScores([], 0);
        }

        var n = confusion.Size;
        var scores = new List<Score>(n);
        long total = 0;
        for (var k = 0; k < n; k++)
        {
            long tp = confusion[k, k], support = 0, predicted = 0;
            for (var j = 0; j < n; j++)
            {
                support += confusion[k, j];
                predicted += confusion[j, k];
            }

            if (support == 0 && predicted == 0)
            {
                continue;
            }

            total += support;
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = 2.0 * tp / ((2.0 * tp) + (predicted - tp) + (support - tp));
            scores.Add(new Score(k, precision, recall, f1, support, predicted));
        }

        return new ClassScores(scores, total);
    }

    public readonly record struct Score(int ClassId, double Precision, double Recall, double F1, long Support, long Predicted);
}
