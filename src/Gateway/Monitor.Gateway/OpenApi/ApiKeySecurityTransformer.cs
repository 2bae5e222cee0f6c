using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Monitor.Gateway.Security;

namespace Monitor.Gateway.OpenApi;

/// <summary>
/// Declares how API keys are sent (<c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>, as
/// <see cref="PresentedApiKey"/> reads them) and puts a requirement on every operation whose endpoint's
/// policy asks for a role, naming that role (OpenAPI 3.1 lets non-OAuth requirements list role names), with
/// the 401 and 403 problem answers the API key scheme gives. Health stays open; /metrics needs the read
/// role only when <c>Monitor:Security:ProtectMetrics</c> is set on this gateway.
/// </summary>
public sealed class ApiKeySecurityTransformer(IAuthorizationPolicyProvider policies) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string BearerScheme = "bearer";
    public const string HeaderScheme = "api_key";

    private const string SchemeDescription =
        "A Monitor API key (`monitor apikey` makes one). Roles: `ingest` sends telemetry, `read` reads everything under /v1, "
        + "`admin` may do everything. A requirement lists the role an operation needs; an admin key always passes. "
        + "A node with no keys configured (the single-node default) accepts requests without one.";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "`Authorization: Bearer KEY`. " + SchemeDescription,
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = PresentedApiKey.HeaderName,
            Description = $"`{PresentedApiKey.HeaderName}: KEY`. " + SchemeDescription,
        };

        // /metrics is no minimal-API endpoint, so no operation transformer sees it.
        if (document.Paths?.TryGetValue("/metrics", out var metrics) is true && metrics.Operations?.GetValueOrDefault(HttpMethod.Get) is { } scrape)
        {
            Secure(document, scrape, await RoleOf(ApiPolicies.Metrics));
        }
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policy = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        if (policy is not null && context.Document is { } document)
        {
            Secure(document, operation, await RoleOf(policy));
        }
    }

    /// <summary>The role the named policy asks for; null when it asks for none.</summary>
    private async Task<ApiKeyRole?> RoleOf(string policy) =>
        (await policies.GetPolicyAsync(policy))?.Requirements.OfType<ApiKeyRoleRequirement>().Select(r => r.Role).FirstOrDefault();

    private static void Secure(OpenApiDocument document, OpenApiOperation operation, ApiKeyRole? needed)
    {
        if (needed is not { } role)
        {
            return;
        }

        operation.Security = [Requirement(document, BearerScheme, role), Requirement(document, HeaderScheme, role)];
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", Problem(document, "Unauthorized: no API key, or one that is not valid"));
        operation.Responses.TryAdd("403", Problem(document, $"Forbidden: the key's role is neither '{role.ToLabel()}' nor 'admin'"));
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme, ApiKeyRole role) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [role.ToLabel()] };

    private static OpenApiResponse Problem(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemResponseTransformer.SchemaName, document) },
        },
    };
}
