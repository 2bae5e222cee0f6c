using System.Buffers;
using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Splits a predictions, labels or events body into records for an <see cref="IRecordReader"/>:
/// one record object, a JSON array of them, or NDJSON. A JSON body is first read in one pass with a
/// single reader (the fast path); only when the JSON breaks somewhere is it read again element by
/// element, so that each broken element costs only itself. Every NDJSON line is read alone; a record's
/// index is its ordinal among the non-blank lines.
/// </summary>
internal static class RecordBody
{
    /// <summary>As <see cref="Parse{TReader}(ReadOnlySpan{byte}, IngestFormat, TReader)"/>; a body in several segments is copied into one pooled buffer first.</summary>
    public static void Parse<TReader>(in ReadOnlySequence<byte> body, IngestFormat format, TReader r)
        where TReader : IRecordReader
    {
        if (body.IsSingleSegment)
        {
            Parse(body.FirstSpan, format, r);
            return;
        }

        var length = checked((int)body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(buffer);
            Parse(buffer.AsSpan(0, length), format, r);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void Parse<TReader>(ReadOnlySpan<byte> body, IngestFormat format, TReader r)
        where TReader : IRecordReader
    {
        // A UTF-8 byte order mark is tolerated (some clients write one); nothing else precedes JSON.
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (format == IngestFormat.Ndjson)
        {
            ParseNdjson(body, r);
        }
        else
        {
            ParseJson(body, r);
        }
    }

    private static void ParseJson<TReader>(ReadOnlySpan<byte> body, TReader r)
        where TReader : IRecordReader
    {
        var start = JsonScanner.SkipWhitespace(body, 0);
        if (start == body.Length)
        {
            r.Failure = new IngestFailure(IngestFailureKind.EmptyBody, "The request body is empty; send a JSON record, a JSON array of records, or NDJSON.");
            return;
        }

        switch (body[start])
        {
            case (byte)'{':
                if (!TryParseSingleFast(body[start..], r))
                {
                    r.Restart();
                    ParseSingleTolerant(body, start, r);
                }

                break;
            case (byte)'[':
                if (!TryParseArrayFast(body[start..], r))
                {
                    r.Restart();
                    ParseArrayTolerant(body, start, r);
                }

                break;
            default:
                r.Failure = new IngestFailure(
                    IngestFailureKind.NotJson,
                    $"The request body is not JSON: expected a record object or an array of records, but it starts with {ValueText.Quote(body.Slice(start, Math.Min(16, body.Length - start)))}.");
                break;
        }
    }

    private static void ParseNdjson<TReader>(ReadOnlySpan<byte> body, TReader r)
        where TReader : IRecordReader
    {
        var max = r.Limits.MaxRecordsPerRequest;
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
                r.Failure = TooManyRecords(max);
                return;
            }

            sawObject |= line[0] == '{';
            ParseElement(line, index++, r);
        }

        if (index == 0)
        {
            r.Failure = new IngestFailure(IngestFailureKind.EmptyBody, "The request body is empty; send NDJSON with one JSON record per line.");
        }
        else if (!sawObject)
        {
            r.Failure = new IngestFailure(
                IngestFailureKind.NotJson,
                "The request body is not NDJSON: no line holds a JSON object. Send one record object per line, or send a JSON array as application/json.");
        }
    }

    /// <summary>One isolated record (an NDJSON line, or an array element cut out by the scanner) with its own reader.</summary>
    private static void ParseElement<TReader>(ReadOnlySpan<byte> element, int index, TReader r)
        where TReader : IRecordReader
    {
        r.BeginRecord();
        var reader = new Utf8JsonReader(element, isFinalBlock: true, state: default);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                r.Reject(index, RejectionReason.InvalidJson, $"record: must be a JSON object, got {ValueText.KindOf(ref reader)}");
                return;
            }

            var ok = r.Read(ref reader);

            // Anything after the record's closing brace makes the reader throw here, before the record is accepted.
            reader.Read();
            Decide(ok, index, r);
        }
        catch (JsonException exception)
        {
            r.RejectBrokenJson(index, exception, element, reader.BytesConsumed);
        }
    }

    /// <summary>Reads one record object with one reader; false (with nothing decided) when the JSON breaks.</summary>
    private static bool TryParseSingleFast<TReader>(ReadOnlySpan<byte> body, TReader r)
        where TReader : IRecordReader
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        try
        {
            reader.Read();
            r.BeginRecord();
            var ok = r.Read(ref reader);

            // Throws when something follows the object.
            reader.Read();
            Decide(ok, 0, r);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Finds where the object ends first, so a broken record and a broken body can be told apart.</summary>
    private static void ParseSingleTolerant<TReader>(ReadOnlySpan<byte> body, int start, TReader r)
        where TReader : IRecordReader
    {
        var end = JsonScanner.FindValueEnd(body, start);
        if (end < 0)
        {
            r.Failure = new IngestFailure(IngestFailureKind.Truncated, "The request body ends before its record's closing brace: it is truncated or not JSON.");
            return;
        }

        if (JsonScanner.SkipWhitespace(body, end) < body.Length)
        {
            r.Failure = TrailingContent(JsonScanner.SkipWhitespace(body, end), "object");
            return;
        }

        ParseElement(body[start..end], 0, r);
    }

    /// <summary>Reads the whole array with one reader; false (with nothing decided) when the JSON breaks.</summary>
    private static bool TryParseArrayFast<TReader>(ReadOnlySpan<byte> body, TReader r)
        where TReader : IRecordReader
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        var max = r.Limits.MaxRecordsPerRequest;
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
                    r.Failure = TooManyRecords(max);
                    return true;
                }

                r.BeginRecord();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    Decide(r.Read(ref reader), index, r);
                }
                else
                {
                    r.Reject(index, RejectionReason.InvalidJson, $"record: must be a JSON object, got {ValueText.KindOf(ref reader)}");
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

    private static void ParseArrayTolerant<TReader>(ReadOnlySpan<byte> body, int start, TReader r)
        where TReader : IRecordReader
    {
        var max = r.Limits.MaxRecordsPerRequest;
        var pos = JsonScanner.SkipWhitespace(body, start + 1);
        if (pos < body.Length && body[pos] == ']')
        {
            CheckNothingAfter(body, pos + 1, r);
            return;
        }

        var index = 0;
        while (true)
        {
            if (pos >= body.Length)
            {
                // The body ends where an element should start (after '[' or ',').
                EndedEarly(index, r);
                return;
            }

            var end = JsonScanner.ScanElement(body, pos, out var endPos);
            var element = JsonScanner.Trim(body[pos..endPos]);
            if (end == ElementEnd.ArrayEnd && element.IsEmpty && index > 0)
            {
                // A trailing comma before ']': no record is missing, so nothing to refuse.
                CheckNothingAfter(body, endPos + 1, r);
                return;
            }

            if (index == max)
            {
                r.Failure = TooManyRecords(max);
                return;
            }

            if (end == ElementEnd.Truncated)
            {
                EndedEarly(index, r);
                return;
            }

            if (element.IsEmpty)
            {
                r.BeginRecord();
                r.Reject(index, RejectionReason.InvalidJson, "record: empty array element (two commas in a row?)");
            }
            else
            {
                ParseElement(element, index, r);
            }

            index++;
            switch (end)
            {
                case ElementEnd.ArrayEnd:
                    CheckNothingAfter(body, endPos + 1, r);
                    return;
                case ElementEnd.EndOfBody:
                    EndedEarly(index, r);
                    return;
                default:
                    pos = JsonScanner.SkipWhitespace(body, endPos + 1);
                    break;
            }
        }
    }

    private static void Decide<TReader>(bool ok, int index, TReader r)
        where TReader : IRecordReader
    {
        if (ok)
        {
            r.Accept(index);
        }
        else
        {
            r.Reject(index);
        }
    }

    /// <summary>
    /// The array is cut off. Records before the cut are kept; the position of the cut is refused so
    /// the sender learns of it. If not even the first record is complete, no boundary can be trusted.
    /// </summary>
    private static void EndedEarly<TReader>(int index, TReader r)
        where TReader : IRecordReader
    {
        if (index == 0)
        {
            r.Failure = new IngestFailure(IngestFailureKind.Truncated, "The request body ends before its first record is complete: it is truncated or not JSON.");
            return;
        }

        r.BeginRecord();
        r.Reject(index, RejectionReason.InvalidJson, "record: the request body ends here before the JSON array is closed (truncated?); records from here on were not received");
    }

    private static void CheckNothingAfter<TReader>(ReadOnlySpan<byte> body, int pos, TReader r)
        where TReader : IRecordReader
    {
        pos = JsonScanner.SkipWhitespace(body, pos);
        if (pos < body.Length)
        {
            r.Failure = TrailingContent(pos, "array");
        }
    }

    private static IngestFailure TrailingContent(int pos, string what) => new(
        IngestFailureKind.TrailingContent,
        $"Unexpected content at byte {pos} after the JSON {what}. Send one JSON value: a record or an array of records; or send NDJSON (application/x-ndjson) with one record per line.");

    private static IngestFailure TooManyRecords(int max) => new(
        IngestFailureKind.TooManyRecords,
        $"The request holds more than {max} records; split it into several requests.");
}
