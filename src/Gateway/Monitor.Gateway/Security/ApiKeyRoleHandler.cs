using Microsoft.AspNetCore.Authorization;

namespace Monitor.Gateway.Security;

/// <summary>Grants an <see cref="ApiKeyRequirement"/> when keys are off, no role is needed, or the key's role grants it.</summary>
public sealed class ApiKeyRoleHandler(ApiKeyRing ring) : AuthorizationHandler<ApiKeyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        var needed = context.Resource is HttpContext http ? requirement.RoleFor(http) : ApiKeyRole.Admin;
        if (needed is null || !ring.Enabled || (ApiKeyAuthentication.RoleOf(context.User) is { } held && held.Grants(needed.Value)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
