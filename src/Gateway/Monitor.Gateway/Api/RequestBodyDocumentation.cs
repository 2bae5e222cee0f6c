using Microsoft.OpenApi;

namespace Monitor.Gateway.Api;

/// <summary>
/// Documents a request body in OpenAPI without <c>Accepts</c> metadata: that metadata makes routing answer a
/// wrong Content-Type with a bare 415, while these endpoints answer with a problem naming the field.
/// </summary>
public static class RequestBodyDocumentation
{
    public static RouteHandlerBuilder DocumentsBody(this RouteHandlerBuilder builder, string description, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var content = new Dictionary<string, OpenApiMediaType>();
            foreach (var type in contentTypes)
            {
                content[type] = new OpenApiMediaType();
            }

            operation.RequestBody = new OpenApiRequestBody { Required = true, Description = description, Content = content };
            return Task.CompletedTask;
        });
}
