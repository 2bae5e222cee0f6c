using System.Security.Claims;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Api;

namespace Monitor.Gateway.Security;

/// <summary>
/// The one check every request passes before it reaches an endpoint: when keys are configured, a
/// request that needs a role (see <see cref="AccessPolicy"/>) must carry a key
/// (<c>Authorization: Bearer KEY</c>, <c>X-Api-Key: KEY</c>, or for browsers <c>Authorization: Basic</c>
/// with the key as the password) whose role grants it; otherwise 401
/// (no or unknown key) or 403 (role too weak), as problem+json. Logs name keys, never show them.
/// </summary>
public sealed partial class ApiKeyGate(RequestDelegate next, ApiKeyRing ring, IOptions<SecurityOptions> options, ILogger<ApiKeyGate> logger)
{
    public const string HeaderName = "X-Api-Key";
    private const string AuthenticationType = "ApiKey";

    public async Task InvokeAsync(HttpContext context)
    {
        var needed = AccessPolicy.Required(context.Request.Method, context.Request.Path, options.Value);
        if (needed is null || !ring.Enabled)
        {
            await next(context);
            return;
        }

        var presented = Presented(context.Request);
        if (presented is null)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, "no key");
            await Challenge(context, "no API key was sent; send one as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'");
            return;
        }

        var key = ring.Find(presented);
        if (key is null)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, "unknown key");
            await Challenge(context, "the API key is not valid");
            return;
        }

        if (!key.Role.Grants(needed.Value))
        {
            LogForbidden(logger, key.Name, key.Role.ToLabel(), context.Request.Method, context.Request.Path);
            await Problems.Field(
                    "authorization",
                    $"the key '{key.Name}' has the role '{key.Role.ToLabel()}'; {context.Request.Method} {context.Request.Path} needs '{needed.Value.ToLabel()}' or 'admin'",
                    StatusCodes.Status403Forbidden)
                .ExecuteAsync(context);
            return;
        }

        context.Items[typeof(ApiKey)] = key;
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role.ToLabel())], AuthenticationType));
        await next(context);
    }

    /// <summary>The key the request was let through with, if any.</summary>
    public static ApiKey? KeyOf(HttpContext context) => context.Items.TryGetValue(typeof(ApiKey), out var key) ? key as ApiKey : null;

    private static string? Presented(HttpRequest request)
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

    /// <summary>The password of Basic credentials (the user name is free); null when they are not valid base64 UTF-8.</summary>
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

    private static Task Challenge(HttpContext context, string reason)
    {
        // A browser shows its sign-in prompt only for Basic; API clients keep seeing Bearer alone.
        context.Response.Headers.WWWAuthenticate = AccessPolicy.IsBrowserPage(context.Request.Path)
            ? new Microsoft.Extensions.Primitives.StringValues(["Bearer realm=\"monitor\"", "Basic realm=\"monitor\", charset=\"UTF-8\""])
            : "Bearer realm=\"monitor\"";
        return Problems.Field("authorization", reason, StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }

    // Debug: a flood of keyless requests must not flood the log; refusals of a known key are logged.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} for key {KeyName} (role {Role})")]
    private static partial void LogForbidden(ILogger logger, string keyName, string role, string method, string path);
}
