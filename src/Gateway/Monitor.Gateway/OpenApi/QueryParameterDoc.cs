using Microsoft.OpenApi;

namespace Monitor.Gateway.OpenApi;

/// <summary>
/// How the OpenAPI document describes a query parameter that the handler takes as raw text (so that bad
/// values get a problem answer naming the field, rather than the framework's bare 400).
/// </summary>
public sealed record QueryParameterDoc(string Name, JsonSchemaType Type, string Description)
{
    public string? Format { get; init; }

    public int? Minimum { get; init; }

    public int? Maximum { get; init; }

    public int? Default { get; init; }
}

public static class QueryParameterDocExtensions
{
    public static TBuilder WithIntegerQuery<TBuilder>(this TBuilder builder, string name, string description, int minimum, int? maximum, int fallback)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameterDoc(name, JsonSchemaType.Integer, description) { Minimum = minimum, Maximum = maximum, Default = fallback });

    public static TBuilder WithTimeQuery<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameterDoc(name, JsonSchemaType.String, description) { Format = "date-time" });

    public static TBuilder WithTextQuery<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameterDoc(name, JsonSchemaType.String, description));
}
