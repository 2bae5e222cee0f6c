using System.Text.Json;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Reads business event records, <c>{"model", "type", "id"?, "version"?, "value"?, "timestamp"?}</c>:
/// type is click, conversion, revenue (which needs a value) or a custom name; an event needs an id or
/// a version to be attributed.
/// </summary>
internal sealed class EventSession(IngestLimits limits, long nowMs) : OutcomeSession(limits, nowMs)
{
    private readonly TargetIndex _targets = new();
    private readonly List<Row> _rows = [];

    public override void Reset()
    {
        base.Reset();
        _targets.Clear();
        _rows.Clear();
    }

    public override bool ReadRecord(ref Utf8JsonReader reader, int index)
    {
        var depth = reader.CurrentDepth;
        string? model = null, version = null, type = null;
        ulong key = PredictionIdHash.None;
        var time = NowMs;
        var value = double.NaN;
        var seen = 0u;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = OutcomeFields.Match(FieldName(ref reader));
            if (field == OutcomeField.Label)
            {
                field = OutcomeField.Unknown;
            }

            CurrentField = OutcomeFields.Name(field);
            Next(ref reader);
            if (field == OutcomeField.Unknown)
            {
                reader.Skip();
                continue;
            }

            var bit = 1u << (int)field;
            var ok = (seen & bit) != 0
                ? Fail(RejectionReason.DuplicateField, $"{CurrentField}: appears more than once in this record")
                : field switch
                {
                    OutcomeField.Model => ReadName(ref reader, "model", out model),
                    OutcomeField.Version => reader.TokenType == JsonTokenType.Null || ReadName(ref reader, "version", out version),
                    OutcomeField.Id => reader.TokenType == JsonTokenType.Null || ReadId(ref reader, out key),
                    OutcomeField.Timestamp => ReadTimestamp(ref reader, out time, out _),
                    OutcomeField.Type => ReadType(ref reader, out type),
                    _ => reader.TokenType == JsonTokenType.Null || ReadFinite(ref reader, "value", out value),
                };
            seen |= bit;
            if (!ok)
            {
                SkipRest(ref reader, depth);
                return false;
            }
        }

        CurrentField = "record";
        if (model is null)
        {
            return Fail(RejectionReason.MissingField, "model: required field is missing");
        }

        if (type is null)
        {
            return Fail(RejectionReason.MissingField, "type: required field is missing (click, conversion, revenue or a custom name)");
        }

        if (key == PredictionIdHash.None && version is null)
        {
            return Fail(RejectionReason.MissingField, "id: required when the event names no version; send the prediction's id, its version, or both");
        }

        if (type == EventBatch.Revenue && double.IsNaN(value))
        {
            return Fail(RejectionReason.MissingField, "value: required for a revenue event (the amount)");
        }

        _rows.Add(new Row(_targets.IdOf(model, version), index, key, time, type, value));
        Accepted++;
        return true;
    }

    public OutcomeParseResult<EventBatch> ToResult()
    {
        if (Failure is not null)
        {
            return new([], 0, 0, [], new int[RejectionReasons.Count], Failure);
        }

        var targets = _targets.Targets;
        var counts = new int[targets.Count];
        foreach (var row in _rows)
        {
            counts[row.Target]++;
        }

        var groups = new List<OutcomeGroup<EventBatch>>(targets.Count);
        var batches = new (EventBatch Batch, int[] Indices)[targets.Count];
        for (var t = 0; t < targets.Count; t++)
        {
            var n = counts[t];
            batches[t] = (new EventBatch
            {
                Model = targets[t].Model,
                Version = targets[t].Version,
                Count = n,
                IdHashes = new ulong[n],
                TimestampsMs = new long[n],
                Types = new string[n],
                Values = new double[n],
            }, new int[n]);
        }

        var next = new int[targets.Count];
        foreach (var row in _rows)
        {
            var (batch, indices) = batches[row.Target];
            var i = next[row.Target]++;
            indices[i] = row.Index;
            batch.IdHashes[i] = row.Key;
            batch.TimestampsMs[i] = row.TimeMs;
            batch.Types[i] = row.Type;
            batch.Values[i] = row.Value;
        }

        for (var t = 0; t < targets.Count; t++)
        {
            groups.Add(new OutcomeGroup<EventBatch>(batches[t].Batch, targets[t].Model, targets[t].Version, batches[t].Indices));
        }

        return new(groups, Accepted, Rejected, TakeErrors(), RejectedByReason(), null);
    }

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

    private readonly record struct Row(int Target, int Index, ulong Key, long TimeMs, string Type, double Value);
}
