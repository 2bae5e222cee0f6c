using System.Text.Json;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Parsing one labels or events request: the limits and clock, the refused records, and the reading
/// of the fields labels and events share (model, version, id, timestamp, numbers). A concrete session
/// reads its own record shape and stages accepted records per target (model and version).
/// </summary>
internal abstract class OutcomeSession(IngestLimits limits, long nowMs)
{
    private readonly RejectionLog _rejections = new();
    private string? _error;
    private RejectionReason _reason;
    private byte[] _scratch = new byte[256];

    public IngestLimits Limits { get; } = limits;

    public long NowMs { get; } = nowMs;

    public IngestFailure? Failure { get; set; }

    /// <summary>The field being read, to name it when the JSON breaks there.</summary>
    public string CurrentField { get; set; } = "record";

    public int Accepted { get; protected set; }

    /// <summary>Reads the object the reader is on, through its closing brace, and stages it; false when refused (the reason is kept).</summary>
    public abstract bool ReadRecord(ref Utf8JsonReader reader, int index);

    /// <summary>Drops everything staged and refused: the tolerant pass starts over.</summary>
    public virtual void Reset()
    {
        _rejections.Clear();
        Accepted = 0;
        _error = null;
    }

    public void BeginRecord()
    {
        _error = null;
        CurrentField = "record";
    }

    /// <summary>Records why the current record is refused (the first reason wins) and returns false.</summary>
    public bool Fail(RejectionReason reason, string message)
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

    public int Rejected => _rejections.Count;

    public IReadOnlyList<RecordError> TakeErrors() => _rejections.TakeErrors();

    public int[] RejectedByReason() => _rejections.CountsByReason();

    public static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the record ends before its closing brace");
        }
    }

    /// <summary>Reads on to the closing brace of the record that starts at <paramref name="depth"/>.</summary>
    public static void SkipRest(ref Utf8JsonReader reader, int depth)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return;
            }
        }

        throw new JsonException("the record ends before its closing brace");
    }

    /// <summary>A field name, unescaped when needed (long escaped names cannot be known fields).</summary>
    public ReadOnlySpan<byte> FieldName(ref Utf8JsonReader reader)
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

    public bool ReadTimestamp(ref Utf8JsonReader reader, out long timeMs, out bool present)
    {
        timeMs = NowMs;
        present = false;
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
        present = true;
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

    public bool TryUnescape(ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        if (!reader.ValueIsEscaped)
        {
            value = reader.ValueSpan;
            return true;
        }

        if (_scratch.Length < reader.ValueSpan.Length)
        {
            _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        }

        try
        {
            var written = reader.CopyString(_scratch);
            value = _scratch.AsSpan(0, written);
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

}
