using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Parses one isolated record (an NDJSON line, or an array element cut out by the scanner) with its
/// own reader, so broken JSON costs only that record.
/// </summary>
internal static class ElementParser
{
    public static void Parse(ReadOnlySpan<byte> element, int index, ParseSession s)
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

            var ok = RecordParser.Parse(ref reader, s, out var record);

            // Anything after the record's closing brace makes the reader throw here.
            reader.Read();
            if (ok)
            {
                s.Commit(ref record, index);
            }
            else
            {
                s.Reject(index);
            }
        }
        catch (JsonException exception)
        {
            s.RejectBrokenJson(index, exception, element, reader.BytesConsumed);
        }
    }
}
