using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;

namespace Monitor.Grains.Segments;

/// <summary>
/// The records and reference rows of one segment: a batch cut down to the segment's records (a new batch, the
/// original is shared and immutable) and a reference cut down to the segment's rows.
/// </summary>
public static class SegmentRows
{
    /// <summary>The segment's records of a batch; null when it has none.</summary>
    public static PredictionBatch? Select(PredictionBatch batch, string key, Func<string?, bool> inSegment)
    {
        var column = SegmentValues.Column(batch, key);
        var rows = new List<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (inSegment(SegmentValues.Of(column, i)))
            {
                rows.Add(i);
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        if (rows.Count == batch.Count)
        {
            return batch;
        }

        return new PredictionBatch
        {
            Model = batch.Model,
            Version = batch.Version,
            Count = rows.Count,
            TimestampsMs = Pick(batch.TimestampsMs, rows),
            LatenciesMs = Pick(batch.LatenciesMs, rows),
            Confidences = Pick(batch.Confidences, rows),
            Succeeded = Pick(batch.Succeeded, rows),
            ErrorTypes = Pick(batch.ErrorTypes, rows),
            Ids = Pick(batch.Ids, rows),
            Predictions = new PredictionColumn
            {
                Numbers = Pick(batch.Predictions.Numbers, rows),
                Labels = batch.Predictions.Labels is { } labels ? Pick(labels, rows) : null,
            },
            Features = [.. batch.Features.Select(f => new FeatureColumn
            {
                Name = f.Name,
                Kinds = Pick(f.Kinds, rows),
                Numbers = Pick(f.Numbers, rows),
                Texts = f.Texts is { } texts ? Pick(texts, rows) : null,
            })],
        };
    }

    /// <summary>The reference rows of the segment; null when the reference does not carry the key.</summary>
    public static ReferenceData? Restrict(ReferenceData data, string key, Func<string?, bool> inSegment)
    {
        var keyColumn = data.Features.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.Ordinal));
        if (keyColumn is null)
        {
            return null;
        }

        var rows = new List<int>();
        for (var i = 0; i < keyColumn.Length; i++)
        {
            if (inSegment(SegmentValues.Of(keyColumn, i)))
            {
                rows.Add(i);
            }
        }

        return new ReferenceData
        {
            Features = [.. data.Features.Select(f => Restrict(f, rows))],
            Predictions = data.Predictions is { } predictions ? Restrict(predictions, rows) : null,
            Confidences = data.Confidences is { } confidences ? Pick(confidences, rows) : null,
            Labels = data.Labels is { } labels ? Restrict(labels, rows) : null,
            Source = data.Source,
            CopiedFrom = data.CopiedFrom,
            SetAt = data.SetAt,
            OutputsLeftOut = data.OutputsLeftOut,
        };
    }

    private static ReferenceColumn Restrict(ReferenceColumn column, List<int> rows) => new()
    {
        Name = column.Name,
        Type = column.Type,
        Declared = column.Declared,
        Numbers = column.Numbers is { } numbers ? Pick(numbers, rows) : null,
        Labels = column.Labels is { } labels ? Pick(labels, rows) : null,
    };

    private static T[] Pick<T>(T[] values, List<int> rows)
    {
        var picked = new T[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            picked[i] = values[rows[i]];
        }

        return picked;
    }
}
