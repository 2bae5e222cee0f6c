using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Monitor.Gateway.Api;

/// <summary>
/// The request content types the endpoints of a path and method accept (their <c>Accepts</c> metadata), so a
/// 415 can say what to send: routing answers 415 itself, with no endpoint left to ask.
/// </summary>
public sealed class AcceptedContentTypes(EndpointDataSource endpoints)
{
    private readonly Lazy<Entry[]> _entries = new(() => Build(endpoints));

    /// <summary>Every content type accepted for the request's method and path, in declaration order.</summary>
    public IReadOnlyList<string> For(HttpRequest request)
    {
        var types = new List<string>();
        foreach (var entry in _entries.Value)
        {
            if ((entry.Methods.Count == 0 || entry.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
                && entry.Matcher.TryMatch(request.Path, [])
                && entry.Types.Where(t => !types.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList() is var added)
            {
                types.AddRange(added);
            }
        }

        return types;
    }

    private static Entry[] Build(EndpointDataSource source) =>
    [
        .. source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Accepts: e.Metadata.GetMetadata<IAcceptsMetadata>()))
            .Where(e => e.Accepts is { ContentTypes.Count: > 0 })
            .Select(e => new Entry(
                new TemplateMatcher(new RouteTemplate(e.Endpoint.RoutePattern), []),
                e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
                e.Accepts!.ContentTypes)),
    ];

    private sealed record Entry(TemplateMatcher Matcher, IReadOnlyList<string> Methods, IReadOnlyList<string> Types);
}
