using Monitor.Grains.Drift;

namespace Monitor.Grains.Outcomes.Estimation;

/// <summary>
/// What a labelled reference teaches the estimate: a calibration of the predicted class's confidence as
/// the probability that the prediction is right (one isotonic fit over all classes), where a wrong
/// prediction of each class goes (the true classes of its errors, for expected false negatives), and the
/// spread of the realized metrics over reference chunks, for the estimate's band. Built when the reference
/// is set or the version activates; rows without a prediction, a confidence or a label are left out.
/// </summary>
public sealed class ReferenceCalibration
{
    /// <summary>Distinct classes kept by name; past them every class counts as "other", so the chunks' confusion matrices stay small.</summary>
    public const int MaxClasses = 100;

    private readonly Dictionary<string, KeyValuePair<string, double>[]> _errorsByPredicted;
    private readonly KeyValuePair<string, double>[] _allErrors;
    private readonly ChunkSpread _spread;

    private ReferenceCalibration(IsotonicCalibrator calibrator, string[] classes, int[] predicted, int[] actual, double meanConfidence)
    {
        Calibrator = calibrator;
        Rows = predicted.Length;
        MeanConfidence = meanConfidence;
        var right = 0;
        var errors = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var all = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < predicted.Length; i++)
        {
            if (predicted[i] == actual[i])
            {
                right++;
                continue;
            }

            var p = classes[predicted[i]];
            var a = classes[actual[i]];
            if (!errors.TryGetValue(p, out var byActual))
            {
                byActual = new Dictionary<string, long>(StringComparer.Ordinal);
                errors[p] = byActual;
            }

            byActual[a] = byActual.GetValueOrDefault(a) + 1;
            all[a] = all.GetValueOrDefault(a) + 1;
        }

        Accuracy = (double)right / Rows;
        Classes = classes;
        _errorsByPredicted = errors.ToDictionary(e => e.Key, e => Shares(e.Value), StringComparer.Ordinal);
        _allErrors = Shares(all);
        _spread = new ChunkSpread(predicted, actual);
    }

    public IsotonicCalibrator Calibrator { get; }

    /// <summary>Reference rows the calibration was fitted on.</summary>
    public int Rows { get; }

    /// <summary>The realized accuracy of the reference rows.</summary>
    public double Accuracy { get; }

    /// <summary>The mean raw confidence of the reference rows (what the uncalibrated estimate would say).</summary>
    public double MeanConfidence { get; }

    /// <summary>Class names of the reference's predictions and labels.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Null unless the reference has predictions, confidences and labels with at least one row that has all three.</summary>
    public static ReferenceCalibration? From(ReferenceData? reference)
    {
        if (reference?.Labels is not { } labels || reference.Predictions is not { } predictions || reference.Confidences is not { } confidences)
        {
            return null;
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var predicted = new List<int>();
        var actual = new List<int>();
        var x = new List<double>();
        var rows = Math.Min(Math.Min(labels.Length, predictions.Length), confidences.Length);
        for (var i = 0; i < rows; i++)
        {
            if (ClassName(predictions, i) is not { } p || ClassName(labels, i) is not { } a || !double.IsFinite(confidences[i]))
            {
                continue;
            }

            predicted.Add(IdOf(names, p));
            actual.Add(IdOf(names, a));
            x.Add(confidences[i]);
        }

        if (x.Count == 0)
        {
            return null;
        }

        var correct = new bool[x.Count];
        for (var i = 0; i < correct.Length; i++)
        {
            correct[i] = predicted[i] == actual[i];
        }

        var classes = new string[names.Count];
        foreach (var (name, id) in names)
        {
            classes[id] = name;
        }

        var calibrator = IsotonicCalibrator.Fit(x.ToArray(), correct)!;
        return new ReferenceCalibration(calibrator, classes, [.. predicted], [.. actual], x.Average());
    }

    /// <summary>
    /// Where a wrong prediction of the class goes: the true classes of the reference's errors of that
    /// prediction, as shares; for a class the reference never got wrong, those of all its errors.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> ErrorsOf(string predicted)
    {
        if (_errorsByPredicted.TryGetValue(predicted, out var shares))
        {
            return shares;
        }

        var others = _allErrors.Where(e => e.Key != predicted).ToArray();
        var total = others.Sum(e => e.Value);
        return total > 0 ? [.. others.Select(e => new KeyValuePair<string, double>(e.Key, e.Value / total))] : [];
    }

    /// <summary>Standard deviations of the realized metrics over reference chunks, for a sample of <paramref name="size"/> predictions.</summary>
    public MetricSpread? SpreadFor(long size) => _spread.For(size);

    private static KeyValuePair<string, double>[] Shares(Dictionary<string, long> counts)
    {
        double total = counts.Values.Sum();
        return [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new KeyValuePair<string, double>(c.Key, c.Value / total))];
    }

    private static int IdOf(Dictionary<string, int> names, string name)
    {
        if (names.TryGetValue(name, out var id))
        {
            return id;
        }

        // Past the cap a new name takes the one "other" entry (added once, beyond the cap).
        var key = names.Count >= MaxClasses ? ClassVocabulary.Other : name;
        if (!names.TryGetValue(key, out id))
        {
            id = names.Count;
            names[key] = id;
        }

        return id;
    }

    // Class names as the version names them: a whole number is its shortest text ("7"), as numeric predictions are.
    private static string? ClassName(ReferenceColumn column, int i)
    {
        if (column.Type == FeatureType.Categorical)
        {
            return column.Labels?[i];
        }

        var v = column.Numbers![i];
        return double.IsNaN(v) ? null : NumericClass.Text(v);
    }
}
