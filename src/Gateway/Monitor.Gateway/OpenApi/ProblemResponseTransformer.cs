using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monitor.Gateway.OpenApi;

/// <summary>
/// Every operation can answer 500 with a problem document (the gateway's exception handler writes one);
/// the document says so once here instead of on every endpoint.
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
            if (!operation.Responses.ContainsKey("500"))
            {
                operation.Responses["500"] = new OpenApiResponse
                {
                    Description = "Internal Server Error: an unexpected failure, described as a problem document",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(SchemaName, document) },
                    },
                };
            }
        }
    }
}
