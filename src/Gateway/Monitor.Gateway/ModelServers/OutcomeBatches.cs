using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.ModelServers;

/// <summary>Ground truth and business events read from model-server payloads, as the outcome grains take them.</summary>
public static class OutcomeBatches
{
    /// <summary>One label per row that has a value; a whole number is a class, a fraction a regression target.</summary>
    public static LabelBatch? Labels(string model, string[] ids, long timeMs, PredictionValues values)
    {
        var kept = Enumerable.Range(0, values.Rows).Where(r => values.Labels?[r] is not null || !double.IsNaN(values.Numbers[r])).ToArray();
        if (kept.Length == 0)
        {
            return null;
        }

        var hashes = new ulong[kept.Length];
        var kinds = new LabelKind[kept.Length];
        var numbers = new double[kept.Length];
        var texts = values.Labels is null ? null : new string?[kept.Length];
        var timestamps = new long[kept.Length];
        Array.Fill(timestamps, timeMs);
        for (var i = 0; i < kept.Length; i++)
        {
            var r = kept[i];
            hashes[i] = PredictionIdHash.Of(ids[r]);
            numbers[i] = values.Numbers[r];
            if (texts is not null)
            {
                texts[i] = values.Labels![r];
            }

            kinds[i] = texts?[i] is not null || Math.Floor(numbers[i]) == numbers[i] ? LabelKind.Class : LabelKind.Value;
        }

        return new LabelBatch { Model = model, Count = kept.Length, IdHashes = hashes, TimestampsMs = timestamps, Kinds = kinds, Texts = texts, Numbers = numbers };
    }

    /// <summary>One event of the given type and value per id.</summary>
    public static EventBatch Events(string model, string[] ids, long timeMs, string type, double value)
    {
        var timestamps = new long[ids.Length];
        Array.Fill(timestamps, timeMs);
        var types = new string[ids.Length];
        Array.Fill(types, type);
        var values = new double[ids.Length];
        Array.Fill(values, value);
        return new EventBatch
        {
            Model = model,
            Count = ids.Length,
            IdHashes = [.. ids.Select(PredictionIdHash.Of)],
            TimestampsMs = timestamps,
            Types = types,
            Values = values,
        };
    }
}
