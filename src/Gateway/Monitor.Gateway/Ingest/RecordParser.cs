using System.Text.Json;
using Monitor.Grains.Ingest;
using static Monitor.Gateway.Ingest.RecordTokens;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Reads and validates one record object token by token, writing scalars into a
/// <see cref="PendingRecord"/> and features straight into the session's cells. On the first invalid
/// field it records the reason and skips to the record's end, so the next record can be read.
/// A known field or a feature named twice refuses the record: JSON parsers disagree on which
/// duplicate wins, so accepting either would let a proxy and Monitor read different records.
/// Unknown top-level fields are skipped unread, duplicates included.
/// </summary>
internal static class RecordParser
{
    private const int MaxTimestampBytes = 64;

    /// <summary>
    /// Reads the object the reader is on, up to and including its closing brace. False when the record
    /// is refused (the reason is in the session). Throws <see cref="JsonException"/> on broken JSON.
    /// </summary>
    public static bool Parse(ref Utf8JsonReader reader, ParseSession s, out PendingRecord record)
    {
        record = PendingRecord.Empty;
        var depth = reader.CurrentDepth;
        var seen = 0u;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                s.PreviousModelId = record.ModelId;
                s.PreviousVersionId = record.VersionId;
                return true;
            }

            var field = ReadFieldName(ref reader, s);
            s.CurrentField = field;
            Next(ref reader);
            if (field == RecordField.Unknown)
            {
                // Unknown fields are ignored, whatever they hold.
                reader.Skip();
                s.CurrentField = RecordField.None;
                continue;
            }

            var bit = 1u << (int)field;
            bool ok;
            if ((seen & bit) != 0)
            {
                ok = s.Fail(RejectionReason.DuplicateField, $"{RecordFields.Name(field)}: appears more than once in this record");
            }
            else
            {
                seen |= bit;
                ok = field switch
                {
                    RecordField.Model => ParseName(ref reader, s, field, s.PreviousModelId, ref record.ModelId),
                    RecordField.Version => ParseName(ref reader, s, field, s.PreviousVersionId, ref record.VersionId),
                    RecordField.LatencyMs => ParseLatency(ref reader, s, ref record),
                    RecordField.Status => ParseStatus(ref reader, s, ref record),
                    RecordField.Features => FeatureParser.Parse(ref reader, s),
                    RecordField.Confidence => ParseConfidence(ref reader, s, ref record),
                    RecordField.Prediction => ParsePrediction(ref reader, s, ref record),
                    RecordField.Error => ParseErrorType(ref reader, s, ref record),
                    RecordField.Id => ParseId(ref reader, s, ref record),
                    RecordField.Timestamp => ParseTimestamp(ref reader, s, ref record),
                    _ => true,
                };
            }

            s.CurrentModelId = record.ModelId;
            s.CurrentVersionId = record.VersionId;
            if (!ok)
            {
                if (s.NonFinite && (record.ModelId < 0 || record.VersionId < 0))
                {
                    SkipRestNotingVersion(ref reader, depth, s);
                }
                else
                {
                    SkipRest(ref reader, depth);
                }

                return false;
            }

            s.CurrentField = RecordField.None;
        }
    }

    /// <summary>
    /// Skips to the end of a record refused for a NaN or infinite value, reading its model and version if they
    /// come after the bad value, so the refusal is counted for that version's data quality.
    /// </summary>
    private static void SkipRestNotingVersion(ref Utf8JsonReader reader, int depth, ParseSession s)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }

            var field = ReadFieldName(ref reader, s);
            if (field is not (RecordField.Model or RecordField.Version) || !reader.Read())
            {
                continue;
            }

            var max = s.Limits.MaxNameLength;
            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 6 * max
                && s.TryUnescape(ref reader, out var name) && name.Length > 0 && name.Length <= max && CharRules.IsName(name))
            {
                var id = s.InternVersionName(name);
                if (field == RecordField.Model && s.CurrentModelId < 0)
                {
                    s.CurrentModelId = id;
                }
                else if (field == RecordField.Version && s.CurrentVersionId < 0)
                {
                    s.CurrentVersionId = id;
                }
            }
        }

        throw new JsonException("the record ends before its closing brace");
    }

    private static RecordField ReadFieldName(ref Utf8JsonReader reader, ParseSession s)
    {
        // An escaped name ("mo\u0064el") is legal JSON; it cannot be a known field if it is long.
        var field = !reader.ValueIsEscaped ? RecordFields.Match(reader.ValueSpan)
            : reader.ValueSpan.Length <= 64 && s.TryUnescape(ref reader, out var name) ? RecordFields.Match(name)
            : RecordField.Unknown;

        // Fields of labels and events are not a prediction's.
        return field is RecordField.Label or RecordField.Value or RecordField.Type ? RecordField.Unknown : field;
    }

    private static bool ParseName(ref Utf8JsonReader reader, ParseSession s, RecordField field, int previousId, ref int id)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.TokenType == JsonTokenType.Null
                ? s.Fail(RejectionReason.MissingField, $"{RecordFields.Name(field)}: required, got null")
                : s.Fail(RejectionReason.InvalidValue, $"{RecordFields.Name(field)}: must be a string, got {ValueText.Of(ref reader)}");
        }

        var raw = reader.ValueSpan;
        if (previousId >= 0 && !reader.ValueIsEscaped && raw.SequenceEqual(s.VersionNames.Bytes(previousId)))
        {
            id = previousId;
            return true;
        }

        var max = s.Limits.MaxNameLength;
        if (raw.Length > 6 * max)
        {
            return s.Fail(RejectionReason.LimitExceeded, $"{RecordFields.Name(field)}: longer than {max} characters, got {ValueText.Quote(raw)}");
        }

        if (!s.TryUnescape(ref reader, out var name) || name.Length == 0 || !CharRules.IsName(name))
        {
            return s.Fail(
                RejectionReason.InvalidValue,
                $"{RecordFields.Name(field)}: must be 1-{max} characters among {CharRules.NameCharsText}, got {ValueText.Quote(raw)}");
        }

        if (name.Length > max)
        {
            return s.Fail(RejectionReason.LimitExceeded, $"{RecordFields.Name(field)}: longer than {max} characters, got {ValueText.Quote(name)}");
        }

        id = s.InternVersionName(name);
        return true;
    }

    private static bool ParseLatency(ref Utf8JsonReader reader, ParseSession s, ref PendingRecord record)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value) && value >= 0)
        {
            record.LatencyMs = value;
            record.HasLatency = true;
            return true;
        }

        return reader.TokenType == JsonTokenType.Null
            ? s.Fail(RejectionReason.MissingField, "latency_ms: required, got null")
            : s.Fail(RejectionReason.InvalidValue, $"latency_ms: must be a finite number >= 0, got {ValueText.Of(ref reader)}");
    }

    private static bool ParseConfidence(ref Utf8JsonReader reader, ParseSession s, ref PendingRecord record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && value is >= 0 and <= 1)
        {
            record.Confidence = value;
            return true;
        }

        return s.Fail(RejectionReason.InvalidValue, $"confidence: must be a number in [0, 1] or null, got {ValueText.Of(ref reader)}");
    }

    private static bool ParseStatus(ref Utf8JsonReader reader, ParseSession s, ref PendingRecord record)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var raw = reader.ValueSpan;
            if (raw.Length <= 64 && s.TryUnescape(ref reader, out var status))
            {
                if (status.SequenceEqual("success"u8))
                {
                    record.Status = RecordStatus.Success;
                    return true;
                }

                if (status.SequenceEqual("error"u8))
                {
                    record.Status = RecordStatus.Error;
                    return true;
                }
            }
        }
        else if (reader.TokenType == JsonTokenType.Null)
        {
            return s.Fail(RejectionReason.MissingField, "status: required (\"success\" or \"error\"), got null");
        }

        return s.Fail(RejectionReason.InvalidValue, $"status: must be \"success\" or \"error\", got {ValueText.Of(ref reader)}");
    }

    private static bool ParseErrorType(ref Utf8JsonReader reader, ParseSession s, ref PendingRecord record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        var max = s.Limits.MaxErrorTypeLength;
        if (reader.TokenType != JsonTokenType.String)
        {
            return s.Fail(RejectionReason.InvalidValue, $"error: must be a short error type such as \"Timeout\", or null, got {ValueText.Of(ref reader)}");
        }

        var raw = reader.ValueSpan;
        if (raw.Length > 6 * max)
        {
            return s.Fail(RejectionReason.LimitExceeded, $"error: longer than {max} characters, got {ValueText.Quote(raw)}");
        }

        if (!s.TryUnescape(ref reader, out var type) || type.Length == 0 || !CharRules.IsErrorType(type))
        {
            return s.Fail(
                RejectionReason.InvalidValue,
                $"error: must be a short error type of 1-{max} characters among {CharRules.ErrorTypeCharsText} (such as \"Timeout\"), got {ValueText.Quote(raw)}");
        }

        if (type.Length > max)
        {
            return s.Fail(RejectionReason.LimitExceeded, $"error: longer than {max} characters, got {ValueText.Quote(type)}");
        }

        record.ErrorType = Utf8StringCache.Shared.GetOrAdd(type);
        return true;
    }

    private static bool ParseTimestamp(ref Utf8JsonReader reader, ParseSession s, ref PendingRecord record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String
            || reader.ValueSpan.Length > MaxTimestampBytes
            || !s.TryUnescape(ref reader, out var text)
            || !Rfc3339.TryParseUnixMs(text, out var ms))
        {
            return s.Fail(
                RejectionReason.InvalidValue,
                $"timestamp: must be an RFC 3339 date-time with a time zone, such as \"2026-11-24T10:00:00Z\", got {ValueText.Of(ref reader)}");
        }

        if (!Rfc3339.IsRepresentable(ms))
        {
            return s.Fail(
                RejectionReason.InvalidValue,
                $"timestamp: its UTC instant falls outside years 1-9999, got {ValueText.Of(ref reader)}");
        }

        if (ms > s.MaxTimestampMs)
        {
            return s.Fail(
                RejectionReason.TimestampOutOfRange,
                $"timestamp: {ValueText.Time(ms)} is more than {ValueText.Duration(s.Limits.MaxFutureSkew)} ahead of server time {ValueText.Time(s.NowMs)}");
        }

        if (ms < s.MinTimestampMs)
        {
            return s.Fail(
                RejectionReason.TimestampOutOfRange,
                $"timestamp: {ValueText.Time(ms)} is older than the retention of {ValueText.Duration(s.Limits.MaxTimestampAge)} (server time {ValueText.Time(s.NowMs)})");
        }

        record.TimestampMs = ms;
        record.HasTimestamp = true;
        return true;
    }

    private static bool ParseId(ref Utf8JsonReader reader, ParseSession s, ref PendingRecord record)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        var max = s.Limits.MaxIdLength;
        if (reader.TokenType != JsonTokenType.String)
        {
            return s.Fail(RejectionReason.InvalidValue, $"id: must be a string of 1-{max} printable characters, got {ValueText.Of(ref reader)}");
        }

        if (!FeatureParser.ReadText(ref reader, s, max, cache: false, out var id))
        {
            return false;
        }

        if (id!.Length == 0 || !CharRules.IsPrintable(id))
        {
            return s.Fail(RejectionReason.InvalidValue, $"id: must be 1-{max} printable characters, got {ValueText.Quote(reader.ValueSpan)}");
        }

        record.Id = id;
        return true;
    }

    private static bool ParsePrediction(ref Utf8JsonReader reader, ParseSession s, ref PendingRecord record)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.Number:
                if (reader.TryGetDouble(out var value) && double.IsFinite(value))
                {
                    record.PredictionNumber = value;
                    return true;
                }

                return s.FailNonFinite($"prediction: must be a finite number, got {ValueText.Of(ref reader)}");
            case JsonTokenType.String:
                if (!FeatureParser.ReadText(ref reader, s, s.Limits.MaxLabelLength, cache: true, out var label))
                {
                    return false;
                }

                record.PredictionLabel = label;
                return true;
            default:
                return s.Fail(RejectionReason.InvalidValue, $"prediction: must be a number, a string label or null, got {ValueText.KindOf(ref reader)}");
        }
    }
}
