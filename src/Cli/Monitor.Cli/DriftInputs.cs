using Monitor.Statistics.Drift;

namespace Monitor.Cli;

/// <summary>
/// Turns a reference CSV and a current CSV into drift columns: each column's kind is declared or inferred from
/// the reference, and a value that is not a number in a numeric column is an error naming file, row and column.
/// </summary>
public static class DriftInputs
{
    public static (DriftReference Reference, List<DriftColumn> Current, List<DriftColumn> ReferenceColumns) Load(
        CsvTable reference, CsvTable current, IReadOnlySet<string> declaredNumeric, IReadOnlySet<string> declaredCategorical)
    {
        if (reference.Rows == 0)
        {
            throw new CliInputException($"The reference {reference.Path} has no data rows.");
        }

        if (!reference.Names.Any(n => current.IndexOf(n) >= 0))
        {
            throw new CliInputException(
                $"{reference.Path} and {current.Path} have no column in common (reference: {string.Join(", ", reference.Names)}; current: {string.Join(", ", current.Names)}).");
        }

        foreach (string name in declaredNumeric.Concat(declaredCategorical))
        {
            if (reference.IndexOf(name) < 0)
            {
                throw new CliInputException($"Column '{name}' was declared but {reference.Path} has no such column.");
            }
        }

        var referenceColumns = new List<DriftColumn>();
        var currentColumns = new List<DriftColumn>();
        var kinds = new Dictionary<string, FeatureKind>(StringComparer.Ordinal);
        for (int i = 0; i < reference.Names.Length; i++)
        {
            string name = reference.Names[i];
            FeatureKind kind = declaredCategorical.Contains(name) ? FeatureKind.Categorical
                : declaredNumeric.Contains(name) ? FeatureKind.Numeric
                : FeatureKindInference.Infer(reference.Columns[i]);
            kinds[name] = kind;
            referenceColumns.Add(ToColumn(reference, i, kind));
        }

        for (int i = 0; i < current.Names.Length; i++)
        {
            string name = current.Names[i];
            FeatureKind kind = kinds.TryGetValue(name, out FeatureKind k) ? k : FeatureKindInference.Infer(current.Columns[i]);
            currentColumns.Add(ToColumn(current, i, kind));
        }

        return (DriftReference.Prepare(referenceColumns), currentColumns, referenceColumns);
    }

    private static DriftColumn ToColumn(CsvTable table, int index, FeatureKind kind)
    {
        string name = table.Names[index];
        List<string?> text = table.Columns[index];
        if (kind == FeatureKind.Categorical)
        {
            var labels = new string?[text.Count];
            for (int r = 0; r < text.Count; r++)
            {
                labels[r] = FeatureKindInference.IsMissing(text[r]) ? null : text[r]!.Trim();
            }

            return DriftColumn.Categorical(name, labels);
        }

        var values = new double[text.Count];
        for (int r = 0; r < text.Count; r++)
        {
            string? cell = text[r];
            if (FeatureKindInference.IsMissing(cell))
            {
                values[r] = double.NaN;
            }
            else if (!FeatureKindInference.TryParseNumber(cell, out values[r]))
            {
                // Row numbers count the header as row 1, as a spreadsheet shows them.
                throw new CliInputException(
                    $"Column '{name}' is numeric, but {table.Path} row {r + 2} has '{cell}'. Declare it with --categorical {name} if it is a category.");
            }
        }

        return DriftColumn.Numeric(name, values);
    }
}
