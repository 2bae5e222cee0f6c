using System.Text.Json;
using Monitor.Grains.Ingest;
using static Monitor.Gateway.Ingest.RecordTokens;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Reads a prediction's <c>features</c> object straight into the session's cells: at most
/// <see cref="IngestLimits.MaxFeaturesPerRecord"/> names, each interned once per request, named once per
/// record, and holding a finite number, a bounded string or null.
/// </summary>
internal static class FeatureParser
{
    public static bool Parse(ref Utf8JsonReader reader, ParseSession s)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return s.Fail(
                RejectionReason.InvalidValue,
                $"features: must be an object mapping feature names to numbers, strings or null, got {ValueText.KindOf(ref reader)}");
        }

        var max = s.Limits.MaxFeaturesPerRecord;
        var count = 0;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (count == max)
            {
                return s.Fail(RejectionReason.LimitExceeded, $"features: more than {max} features in one record");
            }

            var nameId = InternName(ref reader, s, count);
            if (nameId < 0)
            {
                return false;
            }

            if (!s.MarkFeatureSeen(nameId))
            {
                return s.Fail(RejectionReason.DuplicateField, $"{s.FeaturePath(nameId)}: appears more than once in this record");
            }

            s.CurrentFeature = nameId;
            Next(ref reader);
            ref var cell = ref s.AddCell();
            cell.NameId = nameId;
            cell.Number = double.NaN;
            cell.Text = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
                    {
                        return s.FailNonFinite($"{s.FeaturePath(nameId)}: must be a finite number, got {ValueText.Of(ref reader)}");
                    }

                    cell.Kind = FeatureValueKind.Number;
                    cell.Number = value;
                    break;
                case JsonTokenType.String:
                    if (!ReadText(ref reader, s, s.Limits.MaxFeatureTextLength, cache: true, out var text))
                    {
                        return false;
                    }

                    cell.Kind = FeatureValueKind.Text;
                    cell.Text = text;
                    break;
                case JsonTokenType.Null:
                    cell.Kind = FeatureValueKind.Null;
                    break;
                default:
                    return s.Fail(RejectionReason.InvalidValue, $"{s.FeaturePath(nameId)}: must be a number, a string or null, got {ValueText.Of(ref reader)}");
            }

            s.CurrentFeature = -1;
            count++;
        }
    }

    /// <summary>
    /// The string at the reader, refused when longer than <paramref name="maxChars"/> UTF-16 characters
    /// or not valid UTF-8. Oversized values are refused from their byte length, before any copy.
    /// </summary>
    public static bool ReadText(ref Utf8JsonReader reader, ParseSession s, int maxChars, bool cache, out string? value)
    {
        value = null;
        var raw = reader.ValueSpan;

        // A UTF-16 character takes at most 3 UTF-8 bytes, or 6 bytes as a \u escape.
        if (raw.Length > (reader.ValueIsEscaped ? 6 : 3) * (long)maxChars)
        {
            return s.Fail(RejectionReason.LimitExceeded, $"{s.FieldPath()}: longer than {maxChars} characters ({raw.Length} bytes)");
        }

        if (!s.TryUnescape(ref reader, out var utf8))
        {
            return s.Fail(RejectionReason.InvalidValue, $"{s.FieldPath()}: contains an invalid \\u escape (unpaired surrogate)");
        }

        value = cache ? Utf8StringCache.Shared.GetOrAdd(utf8) : Utf8StringCache.Decode(utf8);
        if (value is null)
        {
            return s.Fail(RejectionReason.InvalidValue, $"{s.FieldPath()}: is not valid UTF-8, got {ValueText.Quote(utf8)}");
        }

        if (value.Length > maxChars)
        {
            return s.Fail(RejectionReason.LimitExceeded, $"{s.FieldPath()}: longer than {maxChars} characters ({value.Length})");
        }

        return true;
    }

    /// <summary>The id of the feature name at the reader, or -1 after recording why the name is refused.</summary>
    private static int InternName(ref Utf8JsonReader reader, ParseSession s, int position)
    {
        var raw = reader.ValueSpan;
        var table = s.Features;
        if (!reader.ValueIsEscaped && table.Previous(raw, position) is var previous and >= 0)
        {
            return previous;
        }

        var max = s.Limits.MaxFeatureNameLength;
        if (raw.Length > (reader.ValueIsEscaped ? 6 : 3) * max)
        {
            return FailName(s, RejectionReason.LimitExceeded, $"features: feature name {ValueText.Quote(raw)} is longer than {max} characters");
        }

        if (!s.TryUnescape(ref reader, out var name))
        {
            return FailName(s, RejectionReason.InvalidValue, "features: a feature name contains an invalid \\u escape (unpaired surrogate)");
        }

        var id = table.Names.GetOrAdd(name, out var added, out var hash);
        if (added)
        {
            var value = Utf8StringCache.Shared.GetOrAdd(name, hash);
            table.Names.SetInfo(id, value, NameStatus.Of(value, max));
        }

        table.RememberAt(position, id);
        return table.Names.Status(id) switch
        {
            NameStatus.Valid => id,
            NameStatus.InvalidUtf8 => FailName(s, RejectionReason.InvalidValue, $"features: feature name {ValueText.Quote(name)} is not valid UTF-8"),
            NameStatus.Empty => FailName(s, RejectionReason.InvalidValue, "features: a feature name is empty"),
            NameStatus.TooLong => FailName(s, RejectionReason.LimitExceeded, $"features: feature name {ValueText.Quote(name)} is longer than {max} characters"),
            _ => FailName(s, RejectionReason.InvalidValue, $"features: feature name {ValueText.Quote(name)} contains control characters"),
        };
    }

    private static int FailName(ParseSession s, RejectionReason reason, string message)
    {
        s.Fail(reason, message);
        return -1;
    }
}
