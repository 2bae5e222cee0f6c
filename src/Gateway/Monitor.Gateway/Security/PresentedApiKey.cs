namespace Monitor.Gateway.Security;

/// <summary>
/// The key a request carries: <c>Authorization: Bearer KEY</c>, <c>X-Api-Key: KEY</c>, or for browsers
/// <c>Authorization: Basic</c> with the key as the password (the user name is free).
/// </summary>
public static class PresentedApiKey
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>The presented key, or null when the request carries none that can be read.</summary>
    public static string? Of(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return BasicPassword(authorization["Basic ".Length..].Trim());
        }

        var header = request.Headers[HeaderName].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    /// <summary>The password of Basic credentials; null when they are not valid base64 UTF-8.</summary>
    private static string? BasicPassword(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }

        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var password = colon >= 0 ? text[(colon + 1)..] : text;
        return password.Length > 0 ? password : null;
    }
}
