using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monitor.Gateway.OpenApi;

/// <summary>
/// Every operation can answer 500 with a problem document (the gateway's exception handler writes one), and
/// every operation with a body 400 (unreadable: cut off, broken chunks), 408 (sent too slowly) and 415 (a
/// Content-Type it does not accept); the document says so once here instead of on every endpoint.
/// </summary>
public sealed class ProblemResponseTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The problem document schema every problem answer refers to.</summary>
    public const string SchemaName = "ProblemDetails";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(SchemaName))
        {
            document.Components.Schemas[SchemaName] = await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancellationToken);
        }

        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Responses ??= [];
            Add(operation, document, "500", "Internal Server Error: an unexpected failure, described as a problem document");
            if (operation.RequestBody is not null)
            {
                Add(operation, document, "400", "Bad Request: the body (or a field of it) cannot be used; `field` names what");
                Add(operation, document, "408", "Request Timeout: the body arrived more slowly than the minimum data rate (Monitor:Gateway:MinRequestBodyBytesPerSecond); nothing was kept");
                Add(operation, document, "415", "Unsupported Media Type: `field` is `Content-Type`; the detail and `accepted` list the types accepted");
            }
        }
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument document, string status, string description)
    {
        if (!operation.Responses!.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(SchemaName, document) },
                },
            };
        }
    }
}
