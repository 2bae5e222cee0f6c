using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Monitor.Gateway.Security;

/// <summary>
/// Hands a refused request to the API key scheme with what its answer needs: the role the policy asked
/// for (for the 403's detail) and whether the page is one a browser opens (so the 401 offers Basic).
/// </summary>
public sealed class ApiKeyRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!(authorizeResult.Challenged || authorizeResult.Forbidden) || policy.Requirements.OfType<ApiKeyRequirement>().FirstOrDefault() is not { } requirement)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var properties = new AuthenticationProperties();
        properties.Items[ApiKeyAuthentication.NeededRoleItem] = (requirement.RoleFor(context) ?? ApiKeyRole.Admin).ToLabel();
        if (requirement.IsBrowserPage(context))
        {
            properties.Items[ApiKeyAuthentication.BrowserPageItem] = "true";
        }

        return authorizeResult.Challenged
            ? context.ChallengeAsync(ApiKeyAuthentication.Scheme, properties)
            : context.ForbidAsync(ApiKeyAuthentication.Scheme, properties);
    }
}
