using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Monitor.Gateway.Security;

namespace Monitor.Gateway.OpenApi;

/// <summary>
/// Declares how API keys are sent (<c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>, as
/// <see cref="ApiKeyGate"/> reads them) and puts a requirement on every /v1 operation naming the role
/// <see cref="AccessPolicy"/> asks of it (OpenAPI 3.1 lets non-OAuth requirements list role names), with
/// the 401 and 403 problem answers the gate gives. Health stays open; /metrics needs the read role only
/// when <c>Monitor:Security:ProtectMetrics</c> is set on this gateway.
/// </summary>
public sealed class ApiKeySecurityTransformer(IOptions<SecurityOptions> options) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";
    public const string HeaderScheme = "api_key";

    private const string SchemeDescription =
        "A Monitor API key (`monitor apikey` makes one). Roles: `ingest` sends telemetry, `read` reads everything under /v1, "
        + "`admin` may do everything. A requirement lists the role an operation needs; an admin key always passes. "
        + "A node with no keys configured (the single-node default) accepts requests without one.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
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
            Name = ApiKeyGate.HeaderName,
            Description = $"`{ApiKeyGate.HeaderName}: KEY`. " + SchemeDescription,
        };

        foreach (var (path, item) in document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (AccessPolicy.Required(method.Method, new PathString(path), options.Value) is not { } role)
                {
                    continue;
                }

                operation.Security = [Requirement(document, BearerScheme, role), Requirement(document, HeaderScheme, role)];
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", Problem(document, "Unauthorized: no API key, or one that is not valid"));
                operation.Responses.TryAdd("403", Problem(document, $"Forbidden: the key's role is neither '{role.ToLabel()}' nor 'admin'"));
            }
        }

        return Task.CompletedTask;
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
