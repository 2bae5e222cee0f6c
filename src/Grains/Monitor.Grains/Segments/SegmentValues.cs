using System.Globalization;
using Monitor.Grains.Ingest;

namespace Monitor.Grains.Segments;

/// <summary>
/// A key's value in a batch's records: the text of a text feature, the shortest round-trip form of a number
/// (so "3" for 3.0), null where the record does not have the key.
/// </summary>
public static class SegmentValues
{
    public static FeatureColumn? Column(PredictionBatch batch, string key)
    {
        foreach (var column in batch.Features)
        {
            if (string.Equals(column.Name, key, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    public static string? Of(FeatureColumn? column, int record) => column?.Kinds[record] switch
    {
        FeatureValueKind.Text => column.Texts?[record],
        FeatureValueKind.Number => Number(column.Numbers[record]),
        _ => null,
    };

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A reference column's value in one row, by the same rules.</summary>
    public static string? Of(Drift.ReferenceColumn column, int row) => column.Type == Drift.FeatureType.Numeric
        ? column.Numbers is { } numbers && !double.IsNaN(numbers[row]) ? Number(numbers[row]) : null
        : column.Labels?[row];
}
