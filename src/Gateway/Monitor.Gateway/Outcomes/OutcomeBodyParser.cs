using System.Text.Json;
using Monitor.Gateway.Ingest;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Walks a labels or events body (one object, a JSON array, or NDJSON) record by record, as the
/// prediction ingest does: an array is read in one pass with one reader first; only when the JSON
/// breaks is it read again element by element, so a broken record costs only itself.
/// </summary>
internal static class OutcomeBodyParser
{
    public static void Parse(ReadOnlySpan<byte> body, IngestFormat format, OutcomeSession s)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (format == IngestFormat.Ndjson)
        {
            ParseNdjson(body, s);
            return;
        }

        var start = JsonScanner.SkipWhitespace(body, 0);
        if (start == body.Length)
        {
            s.Failure = new IngestFailure(IngestFailureKind.EmptyBody, "The request body is empty; send a JSON record, a JSON array of records, or NDJSON.");
            return;
        }

        switch (body[start])
        {
            case (byte)'{':
                var end = JsonScanner.FindValueEnd(body, start);
                if (end < 0)
                {
                    s.Failure = new IngestFailure(IngestFailureKind.Truncated, "The request body ends before its record's closing brace: it is truncated or not JSON.");
                }
                else if (JsonScanner.SkipWhitespace(body, end) < body.Length)
                {
                    s.Failure = TrailingContent(JsonScanner.SkipWhitespace(body, end), "object");
                }
                else
                {
                    ParseElement(body[start..end], 0, s);
                }

                break;
            case (byte)'[':
                if (!TryParseArrayFast(body[start..], s))
                {
                    s.Reset();
                    ParseArrayTolerant(body, start, s);
                }

                break;
            default:
                s.Failure = new IngestFailure(
                    IngestFailureKind.NotJson,
                    $"The request body is not JSON: expected a record object or an array of records, but it starts with {ValueText.Quote(body.Slice(start, Math.Min(16, body.Length - start)))}.");
                break;
        }
    }

    private static void ParseNdjson(ReadOnlySpan<byte> body, OutcomeSession s)
    {
        var max = s.Limits.MaxRecordsPerRequest;
        var index = 0;
        var sawObject = false;
        var pos = 0;
        while (pos < body.Length)
        {
            var newline = body[pos..].IndexOf((byte)'\n');
            var lineEnd = newline < 0 ? body.Length : pos + newline;
            var line = JsonScanner.Trim(body[pos..lineEnd]);
            pos = lineEnd + 1;
            if (line.IsEmpty)
            {
                continue;
            }

            if (index == max)
            {
                s.Failure = TooManyRecords(max);
                return;
            }

            sawObject |= line[0] == '{';
            ParseElement(line, index++, s);
        }

        if (index == 0)
        {
            s.Failure = new IngestFailure(IngestFailureKind.EmptyBody, "The request body is empty; send NDJSON with one JSON record per line.");
        }
        else if (!sawObject)
        {
            s.Failure = new IngestFailure(
                IngestFailureKind.NotJson,
                "The request body is not NDJSON: no line holds a JSON object. Send one record object per line, or send a JSON array as application/json.");
        }
    }

    /// <summary>One isolated record with its own reader.</summary>
    private static void ParseElement(ReadOnlySpan<byte> element, int index, OutcomeSession s)
    {
        s.BeginRecord();
        var reader = new Utf8JsonReader(element, isFinalBlock: true, state: default);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                s.Reject(index, RejectionReason.InvalidJson, $"record: must be a JSON object, got {ValueText.KindOf(ref reader)}");
                return;
            }

            var ok = s.ReadRecord(ref reader, index);

            // Anything after the record's closing brace makes the reader throw here.
            reader.Read();
            if (!ok)
            {
                s.Reject(index);
            }
        }
        catch (JsonException exception)
        {
            s.RejectBrokenJson(index, exception, element, reader.BytesConsumed);
        }
    }

    private static bool TryParseArrayFast(ReadOnlySpan<byte> body, OutcomeSession s)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        var max = s.Limits.MaxRecordsPerRequest;
        var index = 0;
        try
        {
            reader.Read();
            while (true)
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (index == max)
                {
                    s.Failure = TooManyRecords(max);
                    return true;
                }

                s.BeginRecord();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!s.ReadRecord(ref reader, index))
                    {
                        s.Reject(index);
                    }
                }
                else
                {
                    s.Reject(index, RejectionReason.InvalidJson, $"record: must be a JSON object, got {ValueText.KindOf(ref reader)}");
                    reader.Skip();
                }

                index++;
            }

            // Throws when something follows the array.
            reader.Read();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void ParseArrayTolerant(ReadOnlySpan<byte> body, int start, OutcomeSession s)
    {
        var max = s.Limits.MaxRecordsPerRequest;
        var pos = JsonScanner.SkipWhitespace(body, start + 1);
        if (pos < body.Length && body[pos] == ']')
        {
            CheckNothingAfter(body, pos + 1, s);
            return;
        }

        var index = 0;
        while (true)
        {
            if (pos >= body.Length)
            {
                EndedEarly(index, s);
                return;
            }

            var end = JsonScanner.ScanElement(body, pos, out var endPos);
            var element = JsonScanner.Trim(body[pos..endPos]);
            if (end == ElementEnd.ArrayEnd && element.IsEmpty && index > 0)
            {
                CheckNothingAfter(body, endPos + 1, s);
                return;
            }

            if (index == max)
            {
                s.Failure = TooManyRecords(max);
                return;
            }

            if (end == ElementEnd.Truncated)
            {
                EndedEarly(index, s);
                return;
            }

            if (element.IsEmpty)
            {
                s.Reject(index, RejectionReason.InvalidJson, "record: empty array element (two commas in a row?)");
            }
            else
            {
                ParseElement(element, index, s);
            }

            index++;
            switch (end)
            {
                case ElementEnd.ArrayEnd:
                    CheckNothingAfter(body, endPos + 1, s);
                    return;
                case ElementEnd.EndOfBody:
                    EndedEarly(index, s);
                    return;
                default:
                    pos = JsonScanner.SkipWhitespace(body, endPos + 1);
                    break;
            }
        }
    }

    private static void EndedEarly(int index, OutcomeSession s)
    {
        if (index == 0)
        {
            s.Failure = new IngestFailure(IngestFailureKind.Truncated, "The request body ends before its first record is complete: it is truncated or not JSON.");
            return;
        }

        s.Reject(index, RejectionReason.InvalidJson, "record: the request body ends here before the JSON array is closed (truncated?); records from here on were not received");
    }

    private static void CheckNothingAfter(ReadOnlySpan<byte> body, int pos, OutcomeSession s)
    {
        pos = JsonScanner.SkipWhitespace(body, pos);
        if (pos < body.Length)
        {
            s.Failure = TrailingContent(pos, "array");
        }
    }

    private static IngestFailure TrailingContent(int pos, string what) => new(
        IngestFailureKind.TrailingContent,
        $"Unexpected content at byte {pos} after the JSON {what}. Send one JSON value: a record or an array of records; or send NDJSON (application/x-ndjson) with one record per line.");

    private static IngestFailure TooManyRecords(int max) => new(
        IngestFailureKind.TooManyRecords,
        $"The request holds more than {max} records; split it into several requests.");
}
