using System.Text.Json;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Reads label records, <c>{"model", "id", "label" | "value", "timestamp"?, "version"?}</c>, and stages
/// the accepted ones per target. A known field named twice refuses the record; unknown fields are skipped.
/// </summary>
internal sealed class LabelSession(IngestLimits limits, long nowMs) : OutcomeSession(limits, nowMs)
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
        string? model = null, version = null, text = null;
        ulong key = PredictionIdHash.None;
        var time = NowMs;
        var number = double.NaN;
        var seen = 0u;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = OutcomeFields.Match(FieldName(ref reader));
            if (field == OutcomeField.Type)
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
                    OutcomeField.Id => ReadId(ref reader, out key),
                    OutcomeField.Timestamp => ReadTimestamp(ref reader, out time, out _),
                    OutcomeField.Label => ReadLabel(ref reader, out text, out number),
                    _ => ReadFinite(ref reader, "value", out number),
                };
            seen |= bit;
            if (!ok)
            {
                SkipRest(ref reader, depth);
                return false;
            }
        }

        CurrentField = "record";
        var hasLabel = (seen & (1u << (int)OutcomeField.Label)) != 0;
        var hasValue = (seen & (1u << (int)OutcomeField.Value)) != 0;
        if (model is null)
        {
            return Fail(RejectionReason.MissingField, "model: required field is missing");
        }

        if (key == PredictionIdHash.None)
        {
            return Fail(RejectionReason.MissingField, "id: required field is missing; a label joins the prediction that had this id");
        }

        if (hasLabel == hasValue)
        {
            return hasLabel
                ? Fail(RejectionReason.InvalidValue, "label: send either label (the true class) or value (the true regression target), not both")
                : Fail(RejectionReason.MissingField, "label: required field is missing; send label (the true class) or value (the true regression target)");
        }

        _rows.Add(new Row(_targets.IdOf(model, version), index, key, time, hasLabel ? LabelKind.Class : LabelKind.Value, text, number));
        Accepted++;
        return true;
    }

    public OutcomeParseResult<LabelBatch> ToResult()
    {
        if (Failure is not null)
        {
            return new([], 0, 0, [], new int[RejectionReasons.Count], Failure);
        }

        var targets = _targets.Targets;
        var counts = new int[targets.Count];
        var hasText = new bool[targets.Count];
        foreach (var row in _rows)
        {
            counts[row.Target]++;
            hasText[row.Target] |= row.Text is not null;
        }

        var columns = new Columns[targets.Count];
        for (var t = 0; t < targets.Count; t++)
        {
            columns[t] = new Columns(counts[t], hasText[t]);
        }

        foreach (var row in _rows)
        {
            columns[row.Target].Add(row);
        }

        var groups = new List<OutcomeGroup<LabelBatch>>(targets.Count);
        for (var t = 0; t < targets.Count; t++)
        {
            var c = columns[t];
            var batch = new LabelBatch
            {
                Model = targets[t].Model,
                Version = targets[t].Version,
                Count = counts[t],
                IdHashes = c.Keys,
                TimestampsMs = c.Times,
                Kinds = c.Kinds,
                Texts = c.Texts,
                Numbers = c.Numbers,
            };
            groups.Add(new OutcomeGroup<LabelBatch>(batch, targets[t].Model, targets[t].Version, c.Indices));
        }

        return new(groups, Accepted, Rejected, TakeErrors(), RejectedByReason(), null);
    }

    private bool ReadLabel(ref Utf8JsonReader reader, out string? text, out double number)
    {
        text = null;
        number = double.NaN;
        return reader.TokenType switch
        {
            JsonTokenType.String => ReadText(ref reader, "label", Limits.MaxLabelLength, out text),
            JsonTokenType.Number => ReadFinite(ref reader, "label", out number),
            JsonTokenType.Null => Fail(RejectionReason.MissingField, "label: required, got null"),
            _ => Fail(RejectionReason.InvalidValue, $"label: must be a class as a string or a number, got {ValueText.KindOf(ref reader)}"),
        };
    }

    private readonly record struct Row(int Target, int Index, ulong Key, long TimeMs, LabelKind Kind, string? Text, double Number);

    private sealed class Columns(int count, bool hasText)
    {
        private int _next;

        public int[] Indices { get; } = new int[count];
        public ulong[] Keys { get; } = new ulong[count];
        public long[] Times { get; } = new long[count];
        public LabelKind[] Kinds { get; } = new LabelKind[count];
        public string?[]? Texts { get; } = hasText ? new string?[count] : null;
        public double[] Numbers { get; } = new double[count];

        public void Add(in Row row)
        {
            var i = _next++;
            Indices[i] = row.Index;
            Keys[i] = row.Key;
            Times[i] = row.TimeMs;
            Kinds[i] = row.Kind;
            Numbers[i] = row.Number;
            if (Texts is not null)
            {
                Texts[i] = row.Text;
            }
        }
    }
}
