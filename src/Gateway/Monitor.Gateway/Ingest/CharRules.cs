using System.Buffers;

namespace Monitor.Gateway.Ingest;

/// <summary>Character sets of the fields that become grain keys, file names and metric label values.</summary>
internal static class CharRules
{
    private static readonly SearchValues<byte> NameBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"u8);

    private static readonly SearchValues<byte> ErrorTypeBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-"u8);

    public const string NameCharsText = "letters, digits, '.', '_' and '-' (but not '.' or '..' alone)";
    public const string ErrorTypeCharsText = "letters, digits, '.', '_', ':' and '-'";

    /// <summary>
    /// Model and version names: [A-Za-z0-9._-]+, except "." and "..", which a URL path cannot carry
    /// (clients and servers resolve them as path segments), so such a version could never be read.
    /// </summary>
    public static bool IsName(ReadOnlySpan<byte> utf8) =>
        !utf8.IsEmpty && !utf8.ContainsAnyExcept(NameBytes) && !utf8.SequenceEqual("."u8) && !utf8.SequenceEqual(".."u8);

    /// <summary>Error types such as "Timeout" or "grpc:UNAVAILABLE": [A-Za-z0-9._:-]+.</summary>
    public static bool IsErrorType(ReadOnlySpan<byte> utf8) => !utf8.IsEmpty && !utf8.ContainsAnyExcept(ErrorTypeBytes);

    /// <summary>True when every byte is printable ASCII (the fast, common case).</summary>
    public static bool IsPrintableAscii(ReadOnlySpan<byte> utf8) => !utf8.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    /// <summary>No control characters (C0, DEL, C1) anywhere: the text is safe to show and log.</summary>
    public static bool IsPrintable(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
