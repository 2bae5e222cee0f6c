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

    /// <summary>
    /// The key's value in each of a batch's first <paramref name="count"/> records, as <see cref="Of(FeatureColumn?, int)"/>
    /// gives it; a number equal to the record before's reuses its text, so runs of one value format it once.
    /// </summary>
    public static string?[] All(FeatureColumn? column, int count)
    {
        var values = new string?[count];
        if (column is null)
        {
            return values;
        }

        var lastBits = 0L;
        string? lastText = null;
        for (var i = 0; i < count; i++)
        {
            if (column.Kinds[i] != FeatureValueKind.Number)
            {
                values[i] = Of(column, i);
                continue;
            }

            var bits = BitConverter.DoubleToInt64Bits(column.Numbers[i]);
            if (lastText is null || bits != lastBits)
            {
                (lastBits, lastText) = (bits, Number(column.Numbers[i]));
            }

            values[i] = lastText;
        }

        return values;
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A reference column's value in one row, by the same rules.</summary>
    public static string? Of(Drift.ReferenceColumn column, int row) => column.Type == Drift.FeatureType.Numeric
        ? column.Numbers is { } numbers && !double.IsNaN(numbers[row]) ? Number(numbers[row]) : null
        : column.Labels?[row];
}
