using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Reads an application/json body: one record object, or an array of them. Arrays are first read
/// in one pass with a single reader (the fast path); only when the JSON breaks somewhere is the body
/// read again element by element, so that each broken element costs only itself.
/// </summary>
internal static class JsonBodyParser
{
    public static void Parse(ReadOnlySpan<byte> body, ParseSession s)
    {
        var start = JsonScanner.SkipWhitespace(body, 0);
        if (start == body.Length)
        {
            s.Failure = new IngestFailure(IngestFailureKind.EmptyBody, "The request body is empty; send a JSON record, a JSON array of records, or NDJSON.");
            return;
        }

        switch (body[start])
        {
            case (byte)'{':
                if (!TryParseSingleFast(body[start..], s))
                {
                    s.ResetStaging();
                    ParseSingleTolerant(body, start, s);
                }

                break;
            case (byte)'[':
                if (!TryParseArrayFast(body[start..], s))
                {
                    s.ResetStaging();
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

    /// <summary>Reads one record object with one reader; false (with nothing decided) when the JSON breaks.</summary>
    private static bool TryParseSingleFast(ReadOnlySpan<byte> body, ParseSession s)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        try
        {
            reader.Read();
            var ok = RecordParser.Parse(ref reader, s, out var record);

            // Throws when something follows the object.
            reader.Read();
            if (ok)
            {
                s.Commit(ref record, 0);
            }
            else
            {
                s.Reject(0);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Finds where the object ends first, so a broken record and a broken body can be told apart.</summary>
    private static void ParseSingleTolerant(ReadOnlySpan<byte> body, int start, ParseSession s)
    {
        var end = JsonScanner.FindValueEnd(body, start);
        if (end < 0)
        {
            s.Failure = new IngestFailure(IngestFailureKind.Truncated, "The request body ends before its record's closing brace: it is truncated or not JSON.");
            return;
        }

        if (JsonScanner.SkipWhitespace(body, end) < body.Length)
        {
            s.Failure = TrailingContent(JsonScanner.SkipWhitespace(body, end), "object");
            return;
        }

        ElementParser.Parse(body[start..end], 0, s);
    }

    /// <summary>Reads the whole array with one reader; false (with nothing decided) when the JSON breaks.</summary>
    private static bool TryParseArrayFast(ReadOnlySpan<byte> body, ParseSession s)
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

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (RecordParser.Parse(ref reader, s, out var record))
                    {
                        s.Commit(ref record, index);
                    }
                    else
                    {
                        s.Reject(index);
                    }
                }
                else
                {
                    s.BeginRecord();
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

    private static void ParseArrayTolerant(ReadOnlySpan<byte> body, int start, ParseSession s)
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
                // The body ends where an element should start (after '[' or ',').
                EndedEarly(index, s);
                return;
            }

            var end = JsonScanner.ScanElement(body, pos, out var endPos);
            var element = JsonScanner.Trim(body[pos..endPos]);
            if (end == ElementEnd.ArrayEnd && element.IsEmpty && index > 0)
            {
                // A trailing comma before ']': no record is missing, so nothing to refuse.
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
                s.BeginRecord();
                s.Reject(index, RejectionReason.InvalidJson, "record: empty array element (two commas in a row?)");
            }
            else
            {
                ElementParser.Parse(element, index, s);
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

    /// <summary>
    /// The array is cut off. Records before the cut are kept; the position of the cut is refused so
    /// the sender learns of it. If not even the first record is complete, no boundary can be trusted.
    /// </summary>
    private static void EndedEarly(int index, ParseSession s)
    {
        if (index == 0)
        {
            s.Failure = new IngestFailure(IngestFailureKind.Truncated, "The request body ends before its first record is complete: it is truncated or not JSON.");
            return;
        }

        s.BeginRecord();
        s.Reject(index, RejectionReason.InvalidJson, "record: the request body ends here before the JSON array is closed (truncated?); records from here on were not received");
    }

    private static void CheckNothingAfter(ReadOnlySpan<byte> body, int pos, ParseSession s)
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

    internal static IngestFailure TooManyRecords(int max) => new(
        IngestFailureKind.TooManyRecords,
        $"The request holds more than {max} records; split it into several requests.");
}
