using System.Text.Json;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Parsing one labels or events request: the limits and clock, the refused records, and the reading
/// of the fields labels and events share (model, version, id, timestamp, numbers). A concrete session
/// reads its own record shape and stages accepted records per target (model and version).
/// </summary>
/// <summary>
/// Parsing one labels or events request: the limits and clock, the refused records, the walk through a
/// record's fields, and the reading of the fields labels and events share (model, version, id, timestamp,
/// numbers). A concrete session reads the rest of its record shape into a <typeparamref name="TRow"/>;
/// accepted rows are staged per target (model and version). A known field named twice refuses the record;
/// unknown fields are skipped unread.
/// </summary>
internal abstract class OutcomeSession<TRow>(IngestLimits limits, long nowMs) : IRecordReader
    where TRow : struct
{
    private readonly RejectionLog _rejections = new();
    private readonly UnescapeBuffer _unescape = new();
    private readonly TargetIndex _targets = new();
    private readonly List<Staged> _rows = [];
    private string? _error;
    private RejectionReason _reason;
    private string? _model;
    private string? _version;
    private long _timeMs;
    private TRow _pending;

    public IngestLimits Limits { get; } = limits;

    public long NowMs { get; } = nowMs;

    public IngestFailure? Failure { get; set; }

    /// <summary>The field being read, to name it when the JSON breaks there.</summary>
    public string CurrentField { get; private set; } = "record";

    public int Accepted { get; private set; }

    /// <summary>The version the current record names, null when it names none.</summary>
    protected string? Version => _version;

    /// <summary>The current record's timestamp, the server's time when it sent none.</summary>
    protected long TimeMs => _timeMs;

    /// <summary>The top-level fields of this record type besides model, version and timestamp, as bits of <see cref="RecordField"/>.</summary>
    protected abstract uint OwnFields { get; }

    /// <summary>Forgets the own fields of the previous record.</summary>
    protected abstract void ClearRecord();

    /// <summary>Reads one of <see cref="OwnFields"/>; false when refused.</summary>
    protected abstract bool ReadField(RecordField field, ref Utf8JsonReader reader);

    /// <summary>Checks the rules spanning the fields read (model is present) and builds the row; false when refused.</summary>
    protected abstract bool Complete(uint seen, out TRow row);

    public void BeginRecord()
    {
        _error = null;
        CurrentField = "record";
        _model = null;
        _version = null;
        _timeMs = NowMs;
        ClearRecord();
    }

    public bool Read(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var known = OwnFields | Bit(RecordField.Model) | Bit(RecordField.Version) | Bit(RecordField.Timestamp);
        var seen = 0u;
        while (true)
        {
            RecordTokens.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = RecordFields.Match(FieldName(ref reader));
            var bit = Bit(field);
            CurrentField = (known & bit) != 0 ? RecordFields.Name(field) : "record";
            RecordTokens.Next(ref reader);
            if ((known & bit) == 0)
            {
                reader.Skip();
                continue;
            }

            var ok = (seen & bit) != 0
                ? Fail(RejectionReason.DuplicateField, $"{CurrentField}: appears more than once in this record")
                : field switch
                {
                    RecordField.Model => ReadName(ref reader, "model", out _model),
                    RecordField.Version => reader.TokenType == JsonTokenType.Null || ReadName(ref reader, "version", out _version),
                    RecordField.Timestamp => ReadTimestamp(ref reader, out _timeMs),
                    _ => ReadField(field, ref reader),
                };
            seen |= bit;
            if (!ok)
            {
                RecordTokens.SkipRest(ref reader, depth);
                return false;
            }
        }

        CurrentField = "record";
        if (_model is null)
        {
            return Fail(RejectionReason.MissingField, "model: required field is missing");
        }

        return Complete(seen, out _pending);
    }

    public void Accept(int index)
    {
        _rows.Add(new Staged(_targets.IdOf(_model!, _version), index, _pending));
        Accepted++;
    }

    public void Restart()
    {
        _rejections.Clear();
        _targets.Clear();
        _rows.Clear();
        Accepted = 0;
        _error = null;
    }

    protected static uint Bit(RecordField field) => 1u << (int)field;

    /// <summary>Records why the current record is refused (the first reason wins) and returns false.</summary>
    protected bool Fail(RejectionReason reason, string message)
    {
        if (_error is null)
        {
            _error = message;
            _reason = reason;
        }

        return false;
    }

    public void Reject(int index) => _rejections.Add(index, _reason, _error ?? "record: invalid", Limits.MaxReportedErrors);

    public void Reject(int index, RejectionReason reason, string message) => _rejections.Add(index, reason, message, Limits.MaxReportedErrors);

    public void RejectBrokenJson(int index, JsonException exception, ReadOnlySpan<byte> element, long bytesConsumed)
    {
        if (_error is null)
        {
            var (reason, message) = JsonErrors.Describe(exception, element, bytesConsumed, CurrentField);
            Fail(reason, message);
        }

        Reject(index);
    }

    /// <summary>A field name, unescaped when needed (long escaped names cannot be known fields).</summary>
    private ReadOnlySpan<byte> FieldName(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        return reader.ValueSpan.Length <= 64 && TryUnescape(ref reader, out var name) ? name : "\0"u8;
    }

    /// <summary>A model, version or custom event type: 1 to MaxNameLength characters among letters, digits, '.', '_' and '-'.</summary>
    public bool ReadName(ref Utf8JsonReader reader, string field, out string? name)
    {
        name = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.TokenType == JsonTokenType.Null
                ? Fail(RejectionReason.MissingField, $"{field}: required, got null")
                : Fail(RejectionReason.InvalidValue, $"{field}: must be a string, got {ValueText.Of(ref reader)}");
        }

        var max = Limits.MaxNameLength;
        var raw = reader.ValueSpan;
        if (raw.Length > 6 * max)
        {
            return Fail(RejectionReason.LimitExceeded, $"{field}: longer than {max} characters, got {ValueText.Quote(raw)}");
        }

        if (!TryUnescape(ref reader, out var text) || !CharRules.IsName(text))
        {
            return Fail(RejectionReason.InvalidValue, $"{field}: must be 1-{max} characters among {CharRules.NameCharsText}, got {ValueText.Quote(raw)}");
        }

        if (text.Length > max)
        {
            return Fail(RejectionReason.LimitExceeded, $"{field}: longer than {max} characters, got {ValueText.Quote(text)}");
        }

        name = Utf8StringCache.Shared.GetOrAdd(text);
        return true;
    }

    /// <summary>A prediction id, as the key of its UTF-8 bytes (the same key its prediction was indexed under).</summary>
    public bool ReadId(ref Utf8JsonReader reader, out ulong key)
    {
        key = PredictionIdHash.None;
        var max = Limits.MaxIdLength;
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.TokenType == JsonTokenType.Null
                ? Fail(RejectionReason.MissingField, "id: required, got null")
                : Fail(RejectionReason.InvalidValue, $"id: must be a string of 1-{max} printable characters, got {ValueText.Of(ref reader)}");
        }

        var raw = reader.ValueSpan;
        if (raw.Length > (reader.ValueIsEscaped ? 6 : 3) * (long)max)
        {
            return Fail(RejectionReason.LimitExceeded, $"id: longer than {max} characters ({raw.Length} bytes)");
        }

        if (!TryUnescape(ref reader, out var id))
        {
            return Fail(RejectionReason.InvalidValue, "id: contains an invalid \\u escape (unpaired surrogate)");
        }

        // Printable ASCII is the common case; anything else is decoded and checked as a prediction's id is.
        var length = id.Length;
        if (!CharRules.IsPrintableAscii(id))
        {
            var text = Utf8StringCache.Decode(id);
            if (text is null || !CharRules.IsPrintable(text))
            {
                return Fail(RejectionReason.InvalidValue, $"id: must be 1-{max} printable characters, got {ValueText.Quote(raw)}");
            }

            length = text.Length;
        }

        if (length == 0)
        {
            return Fail(RejectionReason.InvalidValue, $"id: must be 1-{max} printable characters, got \"\"");
        }

        if (length > max)
        {
            return Fail(RejectionReason.LimitExceeded, $"id: longer than {max} characters ({length})");
        }

        key = PredictionIdHash.Of(id);
        return true;
    }

    private bool ReadTimestamp(ref Utf8JsonReader reader, out long timeMs)
    {
        timeMs = NowMs;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String
            || reader.ValueSpan.Length > 64
            || !TryUnescape(ref reader, out var text)
            || !Rfc3339.TryParseUnixMs(text, out var ms))
        {
            return Fail(
                RejectionReason.InvalidValue,
                $"timestamp: must be an RFC 3339 date-time with a time zone, such as \"2026-11-24T10:00:00Z\", got {ValueText.Of(ref reader)}");
        }

        if (!Rfc3339.IsRepresentable(ms))
        {
            return Fail(
                RejectionReason.InvalidValue,
                $"timestamp: its UTC instant falls outside years 1-9999, got {ValueText.Of(ref reader)}");
        }

        if (ms > NowMs + (long)Limits.MaxFutureSkew.TotalMilliseconds)
        {
            return Fail(
                RejectionReason.TimestampOutOfRange,
                $"timestamp: {ValueText.Time(ms)} is more than {ValueText.Duration(Limits.MaxFutureSkew)} ahead of server time {ValueText.Time(NowMs)}");
        }

        if (ms < NowMs - (long)Limits.MaxTimestampAge.TotalMilliseconds)
        {
            return Fail(
                RejectionReason.TimestampOutOfRange,
                $"timestamp: {ValueText.Time(ms)} is older than the retention of {ValueText.Duration(Limits.MaxTimestampAge)} (server time {ValueText.Time(NowMs)}); send the time the truth was observed, which may be days after the prediction");
        }

        timeMs = ms;
        return true;
    }

    public bool ReadFinite(ref Utf8JsonReader reader, string field, out double value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value) && double.IsFinite(value))
        {
            return true;
        }

        value = double.NaN;
        return Fail(RejectionReason.InvalidValue, $"{field}: must be a finite number, got {ValueText.Of(ref reader)}");
    }

    /// <summary>A short text value (a class label), refused when longer than maxChars or not valid UTF-8.</summary>
    public bool ReadText(ref Utf8JsonReader reader, string field, int maxChars, out string? value)
    {
        value = null;
        var raw = reader.ValueSpan;
        if (raw.Length > (reader.ValueIsEscaped ? 6 : 3) * (long)maxChars)
        {
            return Fail(RejectionReason.LimitExceeded, $"{field}: longer than {maxChars} characters ({raw.Length} bytes)");
        }

        if (!TryUnescape(ref reader, out var utf8))
        {
            return Fail(RejectionReason.InvalidValue, $"{field}: contains an invalid \\u escape (unpaired surrogate)");
        }

        value = Utf8StringCache.Shared.GetOrAdd(utf8);
        if (value is null)
        {
            return Fail(RejectionReason.InvalidValue, $"{field}: is not valid UTF-8, got {ValueText.Quote(utf8)}");
        }

        return value.Length <= maxChars || Fail(RejectionReason.LimitExceeded, $"{field}: longer than {maxChars} characters ({value.Length})");
    }

    public bool TryUnescape(ref Utf8JsonReader reader, out ReadOnlySpan<byte> value) => _unescape.TryUnescape(ref reader, out value);

    /// <summary>Builds the batches, one per target in first-seen order, each from its rows in request order.</summary>
    protected OutcomeParseResult<TBatch> ToResult<TBatch>(Func<OutcomeTarget, List<TRow>, TBatch> build)
    {
        if (Failure is not null)
        {
            return new([], 0, 0, [], new int[RejectionReasons.Count], Failure);
        }

        var targets = _targets.Targets;
        var rows = new List<TRow>[targets.Count];
        var indices = new List<int>[targets.Count];
        for (var t = 0; t < targets.Count; t++)
        {
            rows[t] = [];
            indices[t] = [];
        }

        foreach (var staged in _rows)
        {
            rows[staged.Target].Add(staged.Row);
            indices[staged.Target].Add(staged.Index);
        }

        var groups = new List<OutcomeGroup<TBatch>>(targets.Count);
        for (var t = 0; t < targets.Count; t++)
        {
            groups.Add(new OutcomeGroup<TBatch>(build(targets[t], rows[t]), targets[t].Model, targets[t].Version, [.. indices[t]]));
        }

        return new(groups, Accepted, _rejections.Count, _rejections.TakeErrors(), _rejections.CountsByReason(), null);
    }

    private readonly record struct Staged(int Target, int Index, TRow Row);
}
