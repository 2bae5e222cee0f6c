using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Turns a JSON syntax error inside one record into a message naming the field. Python's json.dumps
/// writes bare NaN, Infinity and -Infinity, which are not JSON; those get a message of their own.
/// </summary>
internal static class JsonErrors
{
    public static (RejectionReason Reason, string Message) Describe(
        JsonException exception, ReadOnlySpan<byte> element, long bytesConsumed, string field)
    {
        var at = (int)Math.Clamp(bytesConsumed, 0, element.Length);
        while (at < element.Length && element[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':')
        {
            at++;
        }

        var rest = element[at..];
        if (IsNonFiniteLiteral(rest))
        {
            return (RejectionReason.InvalidValue,
                $"{field}: NaN and Infinity are not valid JSON numbers; send a finite number, or null where the field allows it");
        }

        var message = exception.Message;
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return (RejectionReason.LimitExceeded, $"{field}: JSON nested too deeply");
        }

        if (rest.IsEmpty)
        {
            return (RejectionReason.InvalidJson, $"{field}: invalid JSON: the record ends before it is complete");
        }

        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return (RejectionReason.InvalidJson, $"{field}: invalid JSON at byte {at} of the record: {message}");
    }

    /// <summary>Whether the JSON broke on a bare NaN or Infinity literal.</summary>
    public static bool IsNonFiniteAt(ReadOnlySpan<byte> element, long bytesConsumed)
    {
        var at = (int)Math.Clamp(bytesConsumed, 0, element.Length);
        while (at < element.Length && element[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':')
        {
            at++;
        }

        return IsNonFiniteLiteral(element[at..]);
    }

    private static bool IsNonFiniteLiteral(ReadOnlySpan<byte> s)
    {
        if (!s.IsEmpty && s[0] is (byte)'-' or (byte)'+')
        {
            s = s[1..];
        }

        return StartsWithIgnoreCase(s, "nan"u8) || StartsWithIgnoreCase(s, "inf"u8);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lowerPrefix)
    {
        if (s.Length < lowerPrefix.Length)
        {
            return false;
        }

        for (var i = 0; i < lowerPrefix.Length; i++)
        {
            if ((s[i] | 0x20) != lowerPrefix[i])
            {
                return false;
            }
        }

        return true;
    }
}
