using System.Text.Json;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Reads label records, <c>{"model", "id", "label" | "value", "timestamp"?, "version"?}</c>, and stages
/// the accepted ones per target.
/// </summary>
internal sealed class LabelSession(IngestLimits limits, long nowMs) : OutcomeSession<LabelSession.Row>(limits, nowMs)
{
    private ulong _key;
    private string? _text;
    private double _number;

    protected override uint OwnFields => Bit(RecordField.Id) | Bit(RecordField.Label) | Bit(RecordField.Value);

    protected override void ClearRecord()
    {
        _key = PredictionIdHash.None;
        _text = null;
        _number = double.NaN;
    }

    protected override bool ReadField(RecordField field, ref Utf8JsonReader reader) => field switch
    {
        RecordField.Id => ReadId(ref reader, out _key),
        RecordField.Label => ReadLabel(ref reader, out _text, out _number),
        _ => ReadFinite(ref reader, "value", out _number),
    };

    protected override bool Complete(uint seen, out Row row)
    {
        row = default;
        var hasLabel = (seen & Bit(RecordField.Label)) != 0;
        var hasValue = (seen & Bit(RecordField.Value)) != 0;
        if (_key == PredictionIdHash.None)
        {
            return Fail(RejectionReason.MissingField, "id: required field is missing; a label joins the prediction that had this id");
        }

        if (hasLabel == hasValue)
        {
            return hasLabel
                ? Fail(RejectionReason.InvalidValue, "label: send either label (the true class) or value (the true regression target), not both")
                : Fail(RejectionReason.MissingField, "label: required field is missing; send label (the true class) or value (the true regression target)");
        }

        row = new Row(_key, TimeMs, hasLabel ? LabelKind.Class : LabelKind.Value, _text, _number);
        return true;
    }

    public OutcomeParseResult<LabelBatch> ToResult() => ToResult(static (target, rows) =>
    {
        // A text column only for targets that received a class label.
        var hasText = rows.Exists(static r => r.Text is not null);
        var batch = new LabelBatch
        {
            Model = target.Model,
            Version = target.Version,
            Count = rows.Count,
            IdHashes = new ulong[rows.Count],
            TimestampsMs = new long[rows.Count],
            Kinds = new LabelKind[rows.Count],
            Texts = hasText ? new string?[rows.Count] : null,
            Numbers = new double[rows.Count],
        };
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            batch.IdHashes[i] = row.Key;
            batch.TimestampsMs[i] = row.TimeMs;
            batch.Kinds[i] = row.Kind;
            batch.Numbers[i] = row.Number;
            if (batch.Texts is not null)
            {
                batch.Texts[i] = row.Text;
            }
        }

        return batch;
    });

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

    internal readonly record struct Row(ulong Key, long TimeMs, LabelKind Kind, string? Text, double Number);
}
