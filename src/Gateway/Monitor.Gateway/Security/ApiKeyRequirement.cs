using Microsoft.AspNetCore.Authorization;

namespace Monitor.Gateway.Security;

/// <summary>What a policy asks of the request's API key.</summary>
public abstract class ApiKeyRequirement : IAuthorizationRequirement
{
    /// <summary>The role the request needs, or null when it needs none.</summary>
    public abstract ApiKeyRole? RoleFor(HttpContext context);

    /// <summary>
    /// True for pages people open in a browser, which cannot add a key header: their 401 also offers Basic
    /// authentication, so the browser asks for the key (as the password) and sends it on every request.
    /// </summary>
    public abstract bool IsBrowserPage(HttpContext context);
}

/// <summary>A role fixed when the policy is made (null: anyone).</summary>
public sealed class ApiKeyRoleRequirement(ApiKeyRole? role, bool browserPage = false) : ApiKeyRequirement
{
    public ApiKeyRole? Role => role;

    public override ApiKeyRole? RoleFor(HttpContext context) => role;

    public override bool IsBrowserPage(HttpContext context) => browserPage;

    public override string ToString() => $"an API key with the role '{role?.ToLabel() ?? "any"}'";
}

/// <summary>
/// The fallback policy's requirement, for requests no endpoint serves (or served with the wrong method):
/// the role <see cref="AccessPolicy"/> derives from their path and method, so an unknown path under /v1 is
/// refused to a key that could not use it either, and a page that is switched off leaks nothing.
/// </summary>
public sealed class UnservedRequestRequirement(Microsoft.Extensions.Options.IOptions<SecurityOptions> options) : ApiKeyRequirement
{
    public override ApiKeyRole? RoleFor(HttpContext context) =>
        AccessPolicy.Required(context.Request.Method, context.Request.Path, options.Value);

    public override bool IsBrowserPage(HttpContext context) => AccessPolicy.IsBrowserPage(context.Request.Path);

    public override string ToString() => "the API key role the path and method call for";
}
