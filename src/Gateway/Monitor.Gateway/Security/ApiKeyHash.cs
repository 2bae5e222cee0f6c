using System.Security.Cryptography;
using System.Text;

namespace Monitor.Gateway.Security;

/// <summary>
/// Keys are stored as the SHA-256 of their UTF-8 text, in lower-case hex (optionally prefixed
/// "sha256:"). A plain hash suffices because keys are long random strings, not passwords: there is
/// nothing to guess from a hash (<c>monitor apikey</c> makes such keys).
/// </summary>
public static class ApiKeyHash
{
    public const string Prefix = "sha256:";

    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HexOf(string key) => Convert.ToHexStringLower(Of(key));

    /// <summary>Parses a configured hash; false when it is not 64 hex digits.</summary>
    public static bool TryParse(string? text, out byte[] hash)
    {
        hash = [];
        var hex = text?.Trim() ?? string.Empty;
        if (hex.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[Prefix.Length..];
        }

        if (hex.Length != 64)
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
