using Scalar.AspNetCore;

namespace Monitor.Gateway.OpenApi;

/// <summary>
/// The OpenAPI document of the whole HTTP API at <c>/openapi/v1.json</c> and its interactive reference
/// at <c>/docs</c>, which the gateway serves itself (no CDN, no web fonts, no telemetry): it works offline.
/// </summary>
public static class MonitorOpenApi
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    public const string ReferencePath = "/docs";

    public static IServiceCollection AddMonitorOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<OperationalPathsTransformer>();
            options.AddOperationTransformer<QueryParameterTransformer>();
            options.AddDocumentTransformer<ProblemResponseTransformer>();
            options.AddDocumentTransformer<ApiKeySecurityTransformer>();
            options.AddOperationTransformer<ApiKeySecurityTransformer>();
        });

    public static WebApplication MapMonitorOpenApi(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Security.SecurityOptions>>().Value;
        if (security.ApiDocsAccess == Security.BrowserPageAccess.Off)
        {
            return app;
        }

        app.MapOpenApi(DocumentPath).RequireAuthorization(Security.ApiPolicies.ApiDocs);
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Monitor API reference")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl))
            .RequireAuthorization(Security.ApiPolicies.ApiDocs)
            .Finally(WithoutAnonymousAccess);
        return app;
    }

    /// <summary>Scalar opens its script and icon to everyone; here they follow <c>Monitor:Security:ApiDocs</c> as the page does.</summary>
    private static void WithoutAnonymousAccess(EndpointBuilder endpoint)
    {
        for (var i = endpoint.Metadata.Count - 1; i >= 0; i--)
        {
            if (endpoint.Metadata[i] is Microsoft.AspNetCore.Authorization.IAllowAnonymous)
            {
                endpoint.Metadata.RemoveAt(i);
            }
        }
    }
}
