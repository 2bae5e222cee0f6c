using System.Text.Json;

namespace Monitor.Gateway.ModelServers;

/// <summary>Splits a body into its JSON values: one object, an array of objects, or one object per line (NDJSON).</summary>
internal static class JsonLines
{
    public static List<(int Index, ReadOnlyMemory<byte> Json)> Split(ReadOnlyMemory<byte> body, bool ndjson)
    {
        var items = new List<(int, ReadOnlyMemory<byte>)>();
        if (ndjson)
        {
            var index = 0;
            var start = 0;
            var span = body.Span;
            while (start < span.Length)
            {
                var end = span[start..].IndexOf((byte)'\n');
                var line = end < 0 ? body[start..] : body.Slice(start, end);
                start = end < 0 ? span.Length : start + end + 1;
                if (!line.Span.Trim(" \t\r"u8).IsEmpty)
                {
                    items.Add((index++, line));
                }
            }

            return items;
        }

        var trimmed = body.Span.TrimStart(" \t\r\n"u8);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'[')
        {
            using var document = JsonDocument.Parse(body);
            var i = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                items.Add((i++, System.Text.Encoding.UTF8.GetBytes(element.GetRawText())));
            }

            return items;
        }

        items.Add((0, body));
        return items;
    }
}
