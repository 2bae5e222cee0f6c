using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Monitor.Gateway.Security;

/// <summary>
/// The API key scheme and the <see cref="ApiPolicies"/>; the fallback policy covers requests no endpoint
/// serves, so a path added later or mistyped is refused as its prefix and method say.
/// </summary>
public static class ApiPolicyRegistration
{
    public static IServiceCollection AddApiKeyAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, configureOptions: null);
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationHandler, ApiKeyRoleHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiKeyRefusals>();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<SecurityOptions>>(Configure);
        return services;
    }

    private static void Configure(AuthorizationOptions authorization, IOptions<SecurityOptions> options)
    {
        var security = options.Value;
        Add(authorization, ApiPolicies.Read, new ApiKeyRoleRequirement(ApiKeyRole.Read));
        Add(authorization, ApiPolicies.Ingest, new ApiKeyRoleRequirement(ApiKeyRole.Ingest));
        Add(authorization, ApiPolicies.Admin, new ApiKeyRoleRequirement(ApiKeyRole.Admin));
        Add(authorization, ApiPolicies.Metrics, new ApiKeyRoleRequirement(security.ProtectMetrics ? ApiKeyRole.Read : null));
        Add(authorization, ApiPolicies.OrleansDashboard, new ApiKeyRoleRequirement(security.OrleansDashboardAccess.RoleNeeded(), browserPage: true));
        Add(authorization, ApiPolicies.ApiDocs, new ApiKeyRoleRequirement(security.ApiDocsAccess.RoleNeeded(), browserPage: true));
        authorization.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new UnservedRequestRequirement(options)).Build();
    }

    private static void Add(AuthorizationOptions authorization, string name, ApiKeyRequirement requirement) =>
        authorization.AddPolicy(name, policy => policy.AddRequirements(requirement));
}
