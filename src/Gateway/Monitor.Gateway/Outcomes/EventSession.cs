using System.Text.Json;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Reads business event records, <c>{"model", "type", "id"?, "version"?, "value"?, "timestamp"?}</c>:
/// type is click, conversion, revenue (which needs a value) or a custom name; an event needs an id or
/// a version to be attributed.
/// </summary>
internal sealed class EventSession(IngestLimits limits, long nowMs) : OutcomeSession<EventSession.Row>(limits, nowMs)
{
    private ulong _key;
    private string? _type;
    private double _value;

    protected override uint OwnFields => Bit(RecordField.Id) | Bit(RecordField.Type) | Bit(RecordField.Value);

    protected override void ClearRecord()
    {
        _key = PredictionIdHash.None;
        _type = null;
        _value = double.NaN;
    }

    protected override bool ReadField(RecordField field, ref Utf8JsonReader reader) => field switch
    {
        RecordField.Id => reader.TokenType == JsonTokenType.Null || ReadId(ref reader, out _key),
        RecordField.Type => ReadType(ref reader, out _type),
        _ => reader.TokenType == JsonTokenType.Null || ReadFinite(ref reader, "value", out _value),
    };

    protected override bool Complete(uint seen, out Row row)
    {
        row = default;
        if (_type is null)
        {
            return Fail(RejectionReason.MissingField, "type: required field is missing (click, conversion, revenue or a custom name)");
        }

        if (_key == PredictionIdHash.None && Version is null)
        {
            return Fail(RejectionReason.MissingField, "id: required when the event names no version; send the prediction's id, its version, or both");
        }

        if (_type == EventBatch.Revenue && double.IsNaN(_value))
        {
            return Fail(RejectionReason.MissingField, "value: required for a revenue event (the amount)");
        }

        row = new Row(_key, TimeMs, _type, _value);
        return true;
    }

    public OutcomeParseResult<EventBatch> ToResult() => ToResult(static (target, rows) =>
    {
        var batch = new EventBatch
        {
            Model = target.Model,
            Version = target.Version,
            Count = rows.Count,
            IdHashes = new ulong[rows.Count],
            TimestampsMs = new long[rows.Count],
            Types = new string[rows.Count],
            Values = new double[rows.Count],
        };
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            batch.IdHashes[i] = row.Key;
            batch.TimestampsMs[i] = row.TimeMs;
            batch.Types[i] = row.Type;
            batch.Values[i] = row.Value;
        }

        return batch;
    });

    private bool ReadType(ref Utf8JsonReader reader, out string? type)
    {
        type = null;
        if (reader.TokenType == JsonTokenType.String && TryUnescape(ref reader, out var raw))
        {
            if (raw.SequenceEqual("click"u8))
            {
                type = EventBatch.Click;
                return true;
            }

            if (raw.SequenceEqual("conversion"u8))
            {
                type = EventBatch.Conversion;
                return true;
            }

            if (raw.SequenceEqual("revenue"u8))
            {
                type = EventBatch.Revenue;
                return true;
            }
        }

        // A custom type becomes a metric label value: the same rules as a model name.
        return ReadName(ref reader, "type", out type);
    }

    internal readonly record struct Row(ulong Key, long TimeMs, string Type, double Value);
}
