using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Api;

namespace Monitor.Gateway.Security;

/// <summary>
/// The API key scheme: a request carrying a configured key (see <see cref="PresentedApiKey"/>) is
/// authenticated as that key's name and role; a challenge answers 401 (no or unknown key) and a refusal
/// 403 (role too weak), both as problem+json. Logs name keys, never show them.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiKeyRing ring)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string UnknownKey = "the API key is not valid";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ring.Enabled ? PresentedApiKey.Of(Request) : null;
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (ring.Find(presented) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail(UnknownKey));
        }

        Context.Items[typeof(ApiKey)] = key;
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthentication.Principal(key), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var sent = (await HandleAuthenticateOnceSafeAsync()).Failure is not null;
        LogRefused(Logger, Request.Method, Request.Path, sent ? "unknown key" : "no key");

        // A browser shows its sign-in prompt only for Basic; API clients keep seeing Bearer alone.
        Response.Headers.WWWAuthenticate = properties.Items.ContainsKey(ApiKeyAuthentication.BrowserPageItem)
            ? new Microsoft.Extensions.Primitives.StringValues(["Bearer realm=\"monitor\"", "Basic realm=\"monitor\", charset=\"UTF-8\""])
            : "Bearer realm=\"monitor\"";
        var reason = sent ? UnknownKey : "no API key was sent; send one as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'";
        await Problems.Field("authorization", reason, StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = properties.Items.TryGetValue(ApiKeyAuthentication.NeededRoleItem, out var role) ? role : ApiKeyRole.Admin.ToLabel();
        var key = ApiKeyAuthentication.KeyOf(Context);
        var held = key is null ? string.Empty : $"the key '{key.Name}' has the role '{key.Role.ToLabel()}'; ";
        LogForbidden(Logger, key?.Name ?? "none", key?.Role.ToLabel() ?? "none", Request.Method, Request.Path);
        return Problems.Field("authorization", $"{held}{Request.Method} {Request.Path} needs '{needed}' or 'admin'", StatusCodes.Status403Forbidden)
            .ExecuteAsync(Context);
    }

    // Debug: a flood of keyless requests must not flood the log; refusals of a known key are logged.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} for key {KeyName} (role {Role})")]
    private static partial void LogForbidden(ILogger logger, string keyName, string role, string method, string path);
}
