using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Monitor.Gateway.FunctionalTests.Hosting;

/// <summary>
/// The OpenAPI document covers every route the gateway maps under /v1 (found by enumerating the app's
/// endpoints, so a route added without OpenAPI metadata fails here), with the metadata a reader needs.
/// </summary>
public sealed partial class OpenApiDocumentTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Document_lists_every_mapped_v1_route_and_method()
    {
        var document = await gateway.OpenApiDocumentAsync();
        var documented = Operations(document).Select(o => (o.Path, o.Method)).ToHashSet();

        var mapped = gateway.Factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Path: Normalize(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.Contains(("/v1/predictions", "post"), mapped);
        var missing = mapped.Except(documented).Select(m => $"{m.Method.ToUpperInvariant()} {m.Path}").ToList();
        Assert.True(missing.Count == 0, "not in the OpenAPI document: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_tag_a_typed_answer_and_problem_answers()
    {
        var document = await gateway.OpenApiDocumentAsync();
        var faults = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                faults.Add($"{name}: no summary");
            }

            if (!operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            {
                faults.Add($"{name}: no tag");
            }

            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
            if (success.Count == 0 || !success.Any(r => r.Value.TryGetProperty("content", out var c) && c.EnumerateObject().Any(m => m.Value.TryGetProperty("schema", out _))))
            {
                faults.Add($"{name}: no success answer with a schema");
            }

            if (!path.StartsWith("/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            var problems = responses.Where(r => r.Name[0] is '4' or '5'
                && r.Value.TryGetProperty("content", out var c) && c.TryGetProperty("application/problem+json", out _)).Select(r => r.Name).ToList();
            if (!problems.Contains("500"))
            {
                faults.Add($"{name}: no 500 problem answer");
            }

            if (operation.TryGetProperty("requestBody", out _) && new[] { "400", "408", "415" }.Except(problems).ToList() is { Count: > 0 } missing)
            {
                faults.Add($"{name}: reads a body but declares no {string.Join(", ", missing)} problem answer");
            }

            var takesInput = operation.TryGetProperty("requestBody", out _)
                || (operation.TryGetProperty("parameters", out var parameters) && parameters.GetArrayLength() > 0);
            if (takesInput && !problems.Any(p => p[0] == '4'))
            {
                faults.Add($"{name}: takes input but declares no 4xx problem answer");
            }
        }

        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    [Fact]
    public async Task Query_parameters_are_typed_and_bounded_and_operational_endpoints_are_listed()
    {
        var document = await gateway.OpenApiDocumentAsync();
        var timeseries = document.GetProperty("paths").GetProperty("/v1/models/{model}/versions/{version}/timeseries").GetProperty("get");
        var step = timeseries.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "step").GetProperty("schema");
        Assert.Equal("integer", step.GetProperty("type").GetString());
        Assert.Equal(10, step.GetProperty("minimum").GetInt32());
        Assert.Equal(60, step.GetProperty("default").GetInt32());

        var records = document.GetProperty("paths").GetProperty("/v1/models/{model}/versions/{version}/records").GetProperty("get");
        var from = records.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "from").GetProperty("schema");
        Assert.Equal("date-time", from.GetProperty("format").GetString());

        var body = document.GetProperty("paths").GetProperty("/v1/predictions").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(2, body.GetProperty("oneOf").GetArrayLength());

        foreach (var path in new[] { "/metrics", "/health/live", "/health/ready" })
        {
            Assert.True(document.GetProperty("paths").TryGetProperty(path, out _), path);
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("VersionSummary").GetProperty("properties").TryGetProperty("p95_latency_ms", out _), "snake_case properties");
    }

    [Fact]
    public async Task Every_v1_operation_requires_an_api_key_sent_either_way_and_health_and_metrics_stay_open()
    {
        var document = await gateway.OpenApiDocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var header = schemes.GetProperty("api_key");
        Assert.Equal("apiKey", header.GetProperty("type").GetString());
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", header.GetProperty("name").GetString());

        var faults = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            if (!path.StartsWith("/v1/", StringComparison.Ordinal))
            {
                // This gateway does not protect /metrics (Monitor:Security:ProtectMetrics is off).
                if (secured || document.TryGetProperty("security", out _))
                {
                    faults.Add($"{name}: requires a key");
                }

                continue;
            }

            // Two alternatives, one per way of sending the key, each naming the same role.
            var alternatives = secured ? security.EnumerateArray().Select(r => r.EnumerateObject().Single()).ToList() : [];
            if (alternatives.Select(a => a.Name).Order().SequenceEqual(["api_key", "bearer"]) is false)
            {
                faults.Add($"{name}: security is {(secured ? security.ToString() : "missing")}");
                continue;
            }

            var roles = alternatives.Select(a => string.Join(",", a.Value.EnumerateArray().Select(r => r.GetString()))).Distinct().ToList();
            if (roles.Count != 1 || roles[0] is not ("ingest" or "read" or "admin"))
            {
                faults.Add($"{name}: roles {string.Join(" / ", roles)}");
            }

            var responses = operation.GetProperty("responses");
            foreach (var code in new[] { "401", "403" })
            {
                if (!responses.TryGetProperty(code, out var answer) || !answer.GetProperty("content").TryGetProperty("application/problem+json", out _))
                {
                    faults.Add($"{name}: no {code} problem answer");
                }
            }
        }

        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
        Assert.Equal("ingest", Role(document, "/v1/predictions", "post"));
        Assert.Equal("read", Role(document, "/v1/models", "get"));
        Assert.Equal("admin", Role(document, "/v1/alerts/rules", "post"));
    }

    [Fact]
    public async Task Dashboards_and_the_reference_page_stay_out_of_the_document()
    {
        var document = await gateway.OpenApiDocumentAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain(paths, p => p == "/" || p.StartsWith("/orleans", StringComparison.Ordinal) || p.StartsWith("/docs", StringComparison.Ordinal));
    }

    private static string? Role(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security")[0].EnumerateObject().Single().Value[0].GetString();

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                yield return (path.Name, operation.Name, operation.Value);
            }
        }
    }

    /// <summary>"/v1/models/{model:minlength(1)}/" → "/v1/models/{model}", as OpenAPI writes paths.</summary>
    private static string Normalize(string raw)
    {
        var path = "/" + raw.Trim('/');
        return ParameterConstraint().Replace(path, "{$1}");
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex ParameterConstraint();
}
