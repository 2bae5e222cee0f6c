using System.Security.Claims;

namespace Monitor.Gateway.Security;

/// <summary>The API key authentication scheme's name and what it leaves on a request it let through.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";

    /// <summary>The <see cref="Microsoft.AspNetCore.Authentication.AuthenticationProperties"/> item naming the role a refused request needed.</summary>
    public const string NeededRoleItem = "monitor.needed-role";

    /// <summary>The properties item set when the refused request is for a page people open in a browser.</summary>
    public const string BrowserPageItem = "monitor.browser-page";

    /// <summary>The key the request was authenticated with, if any.</summary>
    public static ApiKey? KeyOf(HttpContext context) => context.Items.TryGetValue(typeof(ApiKey), out var key) ? key as ApiKey : null;

    /// <summary>The role of an authenticated key's principal; null for anyone else.</summary>
    public static ApiKeyRole? RoleOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme } && ApiKeyRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role)
            ? role
            : null;

    internal static ClaimsPrincipal Principal(ApiKey key) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role.ToLabel())], Scheme));
}
