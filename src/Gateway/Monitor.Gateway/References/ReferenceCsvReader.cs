using System.Text;
using Monitor.Grains.Drift;
using Monitor.Statistics.Drift;
using Sylvan.Data.Csv;

namespace Monitor.Gateway.References;

/// <summary>
/// Reads a CSV reference with a header row: each column a feature, except the columns named as the model's
/// prediction and confidence and as the true label. Empty cells, "null", "NA" and "NaN" are missing; a column is numeric when every
/// present cell is a number, unless declared. Rows with more or fewer cells than the header are refused.
/// </summary>
public static class ReferenceCsvReader
{
    private const int MaxProblems = 20;

    public static ReferenceUpload Read(
        byte[] body, int length, IReadOnlyDictionary<string, FeatureType> declared, OutputColumnNames outputs, ReferenceLimits limits)
    {
        try
        {
            using var text = new StreamReader(new MemoryStream(body, 0, length, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using var reader = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
            return ReadTable(reader, declared, outputs, limits);
        }
        catch (Exception e) when (e is CsvFormatException or CsvRecordTooLargeException or DecoderFallbackException)
        {
            return ReferenceUpload.Refused("body", $"invalid CSV: {e.Message}");
        }
    }

    private static ReferenceUpload ReadTable(
        CsvDataReader reader, IReadOnlyDictionary<string, FeatureType> declared, OutputColumnNames outputs, ReferenceLimits limits)
    {
        var (predictionColumn, confidenceColumn, labelColumn) = outputs;
        var count = reader.FieldCount;
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = reader.GetName(i).Trim();
        }

        if (count == 0 || names.All(string.IsNullOrEmpty))
        {
            return ReferenceUpload.Refused("body", "the CSV has no header row; its first line must name the columns, e.g. amount,country");
        }

        var problems = new List<FieldProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (names[i].Length == 0)
            {
                problems.Add(new FieldProblem($"header[{i}]", "a column has no name"));
            }
            else if (!seen.Add(names[i]))
            {
                problems.Add(new FieldProblem($"features.{names[i]}", "named twice in the header"));
            }
        }

        CheckNamed(predictionColumn, "prediction_column", seen, problems);
        CheckNamed(confidenceColumn, "confidence_column", seen, problems);
        CheckNamed(labelColumn, "label_column", seen, problems);
        CheckDistinct(outputs, problems);
        foreach (var name in declared.Keys)
        {
            if (!seen.Contains(name))
            {
                problems.Add(new FieldProblem($"features.{name}", "is declared, but the CSV has no such column"));
            }
        }

        var featureCount = names.Count(n => n != predictionColumn && n != confidenceColumn && n != labelColumn);
        if (featureCount > limits.MaxFeatures)
        {
            problems.Add(new FieldProblem("features", $"{featureCount} columns, more than the {limits.MaxFeatures} features a reference may have (Monitor:Drift:MaxReferenceFeatures)"));
        }

        if (problems.Count > 0)
        {
            return ReferenceUpload.Refused(problems);
        }

        var columns = new ReferenceColumnBuilder[count];
        for (var i = 0; i < count; i++)
        {
            columns[i] = new ReferenceColumnBuilder(names[i],
                names[i] == predictionColumn ? "predictions" : names[i] == confidenceColumn ? "confidences" : names[i] == labelColumn ? "labels" : $"features.{names[i]}",
                csvRows: true);
        }

        var rows = 0;
        long values = 0;
        while (reader.Read())
        {
            rows++;
            if (rows > limits.MaxRows)
            {
                return ReferenceUpload.Refused("body",
                    $"more than {limits.MaxRows:N0} rows; a reference may have at most {limits.MaxRows:N0} (Monitor:Drift:MaxReferenceRows); send a sample", tooLarge: true);
            }

            values += count;
            if (values > limits.MaxValues)
            {
                return ReferenceUpload.Refused("body", $"more than {limits.MaxValues:N0} values in all (rows x columns); send fewer rows or columns", tooLarge: true);
            }

            // Row numbers count the header as row 1, as a spreadsheet shows them.
            if (reader.RowFieldCount != count)
            {
                if (problems.Count < MaxProblems)
                {
                    problems.Add(new FieldProblem($"row {rows + 1}",
                        $"has {reader.RowFieldCount} cells, the header has {count}; every row needs one cell per column"));
                }

                continue;
            }

            for (var i = 0; i < count; i++)
            {
                var cell = reader.GetString(i);
                if (FeatureKindInference.IsMissing(cell))
                {
                    columns[i].AddMissing();
                }
                else
                {
                    columns[i].AddText(cell.Trim());
                }
            }
        }

        if (problems.Count > 0)
        {
            return ReferenceUpload.Refused(problems);
        }

        var features = new List<ReferenceColumn>(count);
        ReferenceColumn? predictions = null;
        double[]? confidences = null;
        ReferenceColumn? labels = null;
        foreach (var column in columns)
        {
            if (column.Name == predictionColumn)
            {
                predictions = OutputColumns.Predictions(column, null, true, problems);
            }
            else if (column.Name == confidenceColumn)
            {
                confidences = OutputColumns.Confidences(column, true, problems);
            }
            else if (column.Name == labelColumn)
            {
                labels = OutputColumns.Labels(column, true, problems);
            }
            else if (column.Build(declared.TryGetValue(column.Name, out var type) ? type : null, textMayBeNumbers: true, problems) is { } built)
            {
                features.Add(built);
            }
        }

        if (problems.Count > 0)
        {
            return ReferenceUpload.Refused(problems.Take(MaxProblems).ToList());
        }

        return new ReferenceUpload(new ReferenceData { Features = [.. features], Predictions = predictions, Confidences = confidences, Labels = labels, Source = "csv" }, []);
    }

    // One column cannot be two outputs: the label must not be the prediction it judges.
    private static void CheckDistinct(OutputColumnNames outputs, List<FieldProblem> problems)
    {
        if (outputs.Label is { } label && (label == outputs.Prediction || label == outputs.Confidence))
        {
            problems.Add(new FieldProblem("label_column", $"'{label}' is also named as the {(label == outputs.Prediction ? "prediction" : "confidence")} column; the labels need a column of their own"));
        }
        else if (outputs.Prediction is { } prediction && prediction == outputs.Confidence)
        {
            problems.Add(new FieldProblem("confidence_column", $"'{prediction}' is also named as the prediction column"));
        }
    }

    private static void CheckNamed(string? column, string parameter, HashSet<string> names, List<FieldProblem> problems)
    {
        if (column is not null && !names.Contains(column))
        {
            problems.Add(new FieldProblem(parameter, $"the CSV has no column '{column}'"));
        }
    }
}

/// <summary>The CSV columns named (by query parameters) as the model's prediction and confidence and as the true label.</summary>
public sealed record OutputColumnNames(string? Prediction, string? Confidence, string? Label);
