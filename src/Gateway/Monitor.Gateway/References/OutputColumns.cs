using Monitor.Grains.Drift;

namespace Monitor.Gateway.References;

/// <summary>The reference's model outputs: predictions become class labels or numbers as a version's summary decides.</summary>
public static class OutputColumns
{
    // Whole numbers with at most this many distinct values are class labels (as the version's summary treats them).
    private const int MaxNumericClasses = 50;

    public static ReferenceColumn? Predictions(ReferenceColumnBuilder builder, FeatureType? declared, bool textMayBeNumbers, List<FieldProblem> problems)
    {
        var column = builder.Build(declared, textMayBeNumbers, problems);
        if (column is null || declared is not null || column.Type == FeatureType.Categorical)
        {
            return Named(column);
        }

        var distinct = new HashSet<double>();
        foreach (var v in column.Numbers!)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            if (v != Math.Floor(v) || Math.Abs(v) > 1e15 || (distinct.Add(v) && distinct.Count > MaxNumericClasses))
            {
                return Named(column);
            }
        }

        return Named(builder.Build(FeatureType.Categorical, textMayBeNumbers, problems));
    }

    public static double[]? Confidences(ReferenceColumnBuilder builder, bool textMayBeNumbers, List<FieldProblem> problems) =>
        builder.Build(FeatureType.Numeric, textMayBeNumbers, problems)?.Numbers;

    /// <summary>The true classes of the rows: always class names (a number is named by its shortest text, "7").</summary>
    public static ReferenceColumn? Labels(ReferenceColumnBuilder builder, bool textMayBeNumbers, List<FieldProblem> problems) =>
        builder.Build(FeatureType.Categorical, textMayBeNumbers, problems) is { } column
            ? ReferenceColumn.Categorical(Monitor.Grains.Drift.PreparedReference.LabelName, column.Labels!)
            : null;

    private static ReferenceColumn? Named(ReferenceColumn? column) => column is null ? null : new ReferenceColumn
    {
        Name = PreparedReferenceNames.Prediction,
        Type = column.Type,
        Numbers = column.Numbers,
        Labels = column.Labels,
        Declared = column.Declared,
    };
}

/// <summary>The names model outputs carry in reports.</summary>
public static class PreparedReferenceNames
{
    public const string Prediction = Monitor.Grains.Drift.PreparedReference.PredictionName;
}
