namespace Monitor.Gateway.Ingest;

/// <summary>
/// Reads an application/x-ndjson body: one record per line, blank lines ignored. Every line is read
/// alone, so a broken line costs only its own record; a record's index is its ordinal among the
/// non-blank lines.
/// </summary>
internal static class NdjsonBodyParser
{
    public static void Parse(ReadOnlySpan<byte> body, ParseSession s)
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
                s.Failure = JsonBodyParser.TooManyRecords(max);
                return;
            }

            sawObject |= line[0] == '{';
            ElementParser.Parse(line, index, s);
            index++;
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
}
