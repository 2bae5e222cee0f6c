using System.Globalization;

namespace Monitor.Grains.Drift;

/// <summary>
/// What makes a reference acceptable: at least one feature, one value per row in every column, no more
/// rows or features than configured, names that can be metric labels, finite numbers, values in every
/// feature, and labels only beside the predictions and confidences they are the truth for. Every problem is named by its field so a person can fix the upload.
/// </summary>
public static class ReferenceRules
{
    // Enough to act on; a broken file would otherwise produce one problem per cell.
    private const int MaxProblems = 20;

    /// <summary>Null when the reference is acceptable; otherwise the refusal. A captured reference may keep features that only had nulls.</summary>
    public static ReferenceChange? Check(ReferenceData reference, VersionDriftOptions options, bool allowEmptyColumns = false)
    {
        var problems = new List<FieldProblem>();
        var features = reference.Features;
        if (features.Length == 0 && reference.Predictions is null && reference.Confidences is null)
        {
            return ReferenceChange.Refused([new FieldProblem("features", "the reference is empty; give at least one feature with values, e.g. {\"features\": {\"amount\": [12.5, 3.0]}}")]);
        }

        if (features.Length > options.MaxReferenceFeatures)
        {
            return ReferenceChange.Refused([new FieldProblem("features",
                $"{features.Length} features, more than the {options.MaxReferenceFeatures} a reference may have (Monitor:Drift:MaxReferenceFeatures)")]);
        }

        var rows = reference.Rows;
        if (rows > options.MaxReferenceRows)
        {
            return ReferenceChange.Refused([new FieldProblem("features",
                $"{rows:N0} rows, more than the {options.MaxReferenceRows:N0} a reference may have (Monitor:Drift:MaxReferenceRows); send a sample")], tooLarge: true);
        }

        if (rows == 0)
        {
            return ReferenceChange.Refused([new FieldProblem("features", "the reference has no rows; every feature needs values")]);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        string? first = null;
        foreach (var column in features)
        {
            var field = $"features.{column.Name}";
            if (!CheckName(column.Name, options, problems))
            {
                continue;
            }

            if (!names.Add(column.Name))
            {
                problems.Add(new FieldProblem(field, "named twice"));
                continue;
            }

            first ??= column.Name;
            CheckLength(field, column.Length, rows, first, problems);
            CheckValues(field, column, allowEmptyColumns, problems);
        }

        if (reference.Predictions is { } predictions)
        {
            CheckLength("predictions", predictions.Length, rows, first ?? "predictions", problems);
            CheckValues("predictions", predictions, allowEmptyColumns, problems);
        }

        if (reference.Confidences is { } confidences)
        {
            CheckLength("confidences", confidences.Length, rows, first ?? "predictions", problems);
            for (var i = 0; i < confidences.Length && problems.Count < MaxProblems; i++)
            {
                var c = confidences[i];
                if (!double.IsNaN(c) && c is not (>= 0 and <= 1))
                {
                    problems.Add(new FieldProblem($"confidences[{i}]", $"must be a number in [0, 1] or null, got {c.ToString("R", CultureInfo.InvariantCulture)}"));
                }
            }
        }

        if (reference.Labels is { } labels)
        {
            CheckLabels(reference, labels, rows, first, problems);
        }

        return problems.Count == 0 ? null : ReferenceChange.Refused(problems.Take(MaxProblems).ToList());
    }

    /// <summary>Labels are the true classes of the rows the predictions and confidences are for: calibration needs all three.</summary>
    private static void CheckLabels(ReferenceData reference, ReferenceColumn labels, int rows, string? first, List<FieldProblem> problems)
    {
        if (reference.Predictions is null || reference.Confidences is null)
        {
            problems.Add(new FieldProblem("labels",
                "labels calibrate the model's confidences, so the reference also needs predictions and confidences for the same rows"));
            return;
        }

        CheckLength("labels", labels.Length, rows, first ?? "predictions", problems);
        CheckValues("labels", labels, allowEmpty: false, problems);
        if (problems.Count == 0 && !HasCalibrationRow(reference.Predictions, reference.Confidences, labels))
        {
            problems.Add(new FieldProblem("labels",
                "no row has a prediction, a confidence and a label together; calibration needs rows with all three"));
        }

        if (reference.Predictions is { Type: FeatureType.Numeric, Numbers: { } predicted } && Array.FindIndex(predicted, v => !double.IsNaN(v) && v != Math.Floor(v)) is var j and >= 0)
        {
            problems.Add(new FieldProblem("labels",
                $"labels are classes, but the predictions are the numbers of a regression model (predictions[{j}] is {predicted[j].ToString("R", CultureInfo.InvariantCulture)}); the estimate calibrates classifiers"));
        }
    }

    private static bool HasCalibrationRow(ReferenceColumn predictions, double[] confidences, ReferenceColumn labels)
    {
        for (var i = 0; i < confidences.Length && i < predictions.Length && i < labels.Length; i++)
        {
            if (!double.IsNaN(confidences[i]) && IsPresent(predictions, i) && IsPresent(labels, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPresent(ReferenceColumn column, int i) =>
        column.Type == FeatureType.Numeric ? !double.IsNaN(column.Numbers![i]) : column.Labels![i] is not null;

    /// <summary>Feature names become metric label values and JSON keys: non-empty, bounded, printable.</summary>
    public static bool CheckName(string name, VersionDriftOptions options, List<FieldProblem> problems)
    {
        string? reason = name.Length == 0 ? "a feature name is empty"
            : name.Length > options.MaxFeatureNameLength ? $"feature names are at most {options.MaxFeatureNameLength} characters"
            : name.Any(char.IsControl) ? "a feature name contains control characters"
            : null;
        if (reason is not null && problems.Count < MaxProblems)
        {
            problems.Add(new FieldProblem($"features.{Shorten(name)}", reason));
        }

        return reason is null;
    }

    private static void CheckLength(string field, int length, int rows, string first, List<FieldProblem> problems)
    {
        if (length != rows && problems.Count < MaxProblems)
        {
            problems.Add(new FieldProblem(field,
                $"has {length:N0} values, but features.{first} has {rows:N0}; every column needs one value per reference row"));
        }
    }

    private static void CheckValues(string field, ReferenceColumn column, bool allowEmpty, List<FieldProblem> problems)
    {
        var present = 0;
        if (column.Type == FeatureType.Numeric)
        {
            if (column.Numbers is not { } numbers)
            {
                problems.Add(new FieldProblem(field, "a numeric column needs numbers"));
                return;
            }

            for (var i = 0; i < numbers.Length; i++)
            {
                if (double.IsNaN(numbers[i]))
                {
                    continue;
                }

                if (double.IsInfinity(numbers[i]))
                {
                    if (problems.Count < MaxProblems)
                    {
                        problems.Add(new FieldProblem($"{field}[{i}]", "infinite values are not allowed; send a finite number, or null for a missing value"));
                    }

                    continue;
                }

                present++;
            }
        }
        else
        {
            if (column.Labels is not { } labels)
            {
                problems.Add(new FieldProblem(field, "a categorical column needs labels"));
                return;
            }

            foreach (var label in labels)
            {
                present += label is null ? 0 : 1;
            }
        }

        if (!allowEmpty && present == 0 && column.Length > 0 && problems.Count < MaxProblems)
        {
            problems.Add(new FieldProblem(field, "every value is missing; a reference column needs values to compare with"));
        }
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
