using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monitor.Gateway.OpenApi;

/// <summary>Applies an endpoint's <see cref="QueryParameterDoc"/>s to its operation's query parameters.</summary>
public sealed class QueryParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var docs = context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterDoc>().ToDictionary(d => d.Name);
        if (docs.Count == 0 || operation.Parameters is null)
        {
            return Task.CompletedTask;
        }

        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.In != ParameterLocation.Query || parameter.Name is null || !docs.TryGetValue(parameter.Name, out var doc))
            {
                continue;
            }

            parameter.Description = doc.Description;
            parameter.Required = false;
            parameter.Schema = new OpenApiSchema
            {
                Type = doc.Type,
                Format = doc.Format,
                Minimum = doc.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Maximum = doc.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Default = doc.Default is { } d ? JsonValue.Create(d) : null,
            };
        }

        return Task.CompletedTask;
    }
}
