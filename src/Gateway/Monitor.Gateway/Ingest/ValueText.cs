using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Short, safe renderings of offending values for error messages: long strings are cut, control
/// characters escaped, invalid UTF-8 replaced, so a message never echoes megabytes or terminal codes.
/// </summary>
internal static class ValueText
{
    private const int MaxShownBytes = 48;

    /// <summary>"got ..." text for the reader's current token.</summary>
    public static string Of(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => Quote(reader.ValueSpan),
        JsonTokenType.Number => Raw(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    /// <summary>Kind of the current token, for type errors: "a string", "a number", ...</summary>
    public static string KindOf(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    public static string Quote(ReadOnlySpan<byte> utf8)
    {
        var cut = utf8.Length > MaxShownBytes;
        if (cut)
        {
            utf8 = utf8[..MaxShownBytes];
        }

        var text = Encoding.UTF8.GetString(utf8); // invalid bytes become U+FFFD: fine for display
        var builder = new StringBuilder(text.Length + 8).Append('"');
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c == '"' ? "\\\"" : c.ToString());
            }
        }

        builder.Append('"');
        if (cut)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    /// <summary>A name as shown in a field path such as features.&lt;name&gt;: not quoted unless it needs to be.</summary>
    public static string Name(ReadOnlySpan<byte> utf8) =>
        utf8.Length <= MaxShownBytes && CharRules.IsPrintableAscii(utf8) && utf8.IndexOfAny(" .\""u8) < 0 && !utf8.IsEmpty
            ? Encoding.ASCII.GetString(utf8)
            : Quote(utf8);

    private static string Raw(ReadOnlySpan<byte> ascii) =>
        ascii.Length > MaxShownBytes ? Encoding.ASCII.GetString(ascii[..MaxShownBytes]) + "..." : Encoding.ASCII.GetString(ascii);

    public static string Duration(TimeSpan span)
    {
        if (span.TotalHours >= 1 && span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return span.TotalHours == 1 ? "1 hour" : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} hours");
        }

        if (span.TotalMinutes >= 1 && span.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return span.TotalMinutes == 1 ? "1 minute" : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minutes");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} seconds");
    }

    public static string Time(long unixMs) =>
        Rfc3339.IsRepresentable(unixMs)
            ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{unixMs} ms from the Unix epoch");
}
