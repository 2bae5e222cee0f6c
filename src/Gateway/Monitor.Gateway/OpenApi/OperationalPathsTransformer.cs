using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monitor.Gateway.OpenApi;

/// <summary>
/// The document's title and tags, and the operational endpoints that are not minimal-API handlers
/// (Prometheus metrics and health checks), so the document covers the whole HTTP API.
/// </summary>
public sealed class OperationalPathsTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Monitor",
            Version = "v1",
            Description = "Monitor watches machine-learning models in production. Model servers send one telemetry record per "
                + "prediction; Monitor answers with summaries, time series, the recent prediction log and Prometheus metrics. "
                + "JSON is snake_case; errors are RFC 7807 problem documents that name the field at fault.",
        };

        Describe(document, "Ingest", "Telemetry from model servers: one record per prediction.");
        Describe(document, "Models", "Models and versions: health, summaries, time series and recent records.");
        Describe(document, "Operations", "Prometheus metrics and health checks.");

        document.Paths ??= [];
        document.Paths["/metrics"] = Get(
            "Prometheus metrics in the text exposition format",
            "Counters and histograms of ingest, per model version and per rejection reason.",
            "text/plain");
        document.Paths["/health/live"] = Get(
            "Liveness: answers 200 while the process runs",
            "Does not check the cluster.",
            "text/plain");
        document.Paths["/health/ready"] = Get(
            "Readiness: 200 once the gateway can take records, 503 before",
            "Checks that the Orleans cluster answers.",
            "text/plain",
            unavailable: true);
        return Task.CompletedTask;
    }

    /// <summary>Describes a tag, adding it if no endpoint uses it yet (tags are matched by name).</summary>
    private static void Describe(OpenApiDocument document, string name, string description)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
        {
            tag.Description = description;
        }
        else
        {
            document.Tags.Add(new OpenApiTag { Name = name, Description = description });
        }
    }

    private static OpenApiPathItem Get(string summary, string description, string contentType, bool unavailable = false)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            },
        };
        if (unavailable)
        {
            responses["503"] = new OpenApiResponse
            {
                Description = "Service Unavailable: not ready yet",
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        }

        var operation = new OpenApiOperation
        {
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new("Operations") },
            Responses = responses,
        };
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }
}
