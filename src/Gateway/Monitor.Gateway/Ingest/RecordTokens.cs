using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>Token steps every record reader takes inside one record object.</summary>
internal static class RecordTokens
{
    /// <summary>The next token of the record; the body ending inside a record is broken JSON.</summary>
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
}
