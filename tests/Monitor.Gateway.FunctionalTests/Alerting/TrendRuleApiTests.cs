using System.Text.Json;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>Trend rules and change points through the HTTP API: what is refused, naming which field, and the OpenAPI description.</summary>
public sealed class TrendRuleApiTests : IAsyncLifetime
{
    private AlertingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new AlertingHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("slope(latency_p95_ms, 5x)", null, "metric", "'5x' is not a duration")]
    [InlineData("slope(latency_p97, 1h)", null, "metric", "unknown metric 'latency_p97' in slope(); series: latency_p50_ms")]
    [InlineData("median(latency_p95_ms, 1h)", null, "metric", "unknown trend function 'median'")]
    [InlineData("avg_over(low_confidence_share, 1h)", null, "metric", "no series is kept")]
    [InlineData("ewma(error_rate, 1d)", null, "metric", "half-life must be from 1m to 3h")]
    [InlineData("change_point(feature_psi, 6h)", null, "feature", "is per feature")]
    [InlineData("slope(latency_p95_ms, 1h)", "amount", "feature", "is not per feature")]
    public async Task Bad_trend_rules_are_refused_naming_the_field(string metric, string? feature, string field, string reason)
    {
        var problem = await _host.Send(HttpMethod.Post, "/v1/alerts/rules", new { name = "Bad", metric, feature, comparator = ">", threshold = 1.0 }, expect: 400);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trend_rules_are_stored_as_written_and_listed_with_the_rest()
    {
        await _host.Send(HttpMethod.Put, "/v1/alerts/rules/PsiCreep", new { metric = "slope(feature_psi, 6h, 10m)", feature = "amount", comparator = ">", threshold = 0.1 }, expect: 201);
        var rule = await _host.Get("/v1/alerts/rules/PsiCreep");
        Assert.Equal("slope(feature_psi, 6h, 10m)", rule.GetProperty("metric").GetString());
        Assert.Equal("amount", rule.GetProperty("feature").GetString());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("truee")]
    public async Task A_bad_change_points_value_is_refused_naming_it(string value)
    {
        await _host.Send(HttpMethod.Post, "/v1/predictions", new[] { new { model = "m", version = "v1", latency_ms = 5.0, status = "success" } }, expect: 202);
        var problem = await _host.Send(HttpMethod.Get, $"/v1/models/m/versions/v1/timeseries?change_points={value}", expect: 400);
        Assert.Equal("change_points", problem.GetProperty("field").GetString());
        Assert.Contains("true or false", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var answer = await _host.Get("/v1/models/m/versions/v1/timeseries?change_points=true");
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("change_points").ValueKind);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_change_points_parameter_and_field()
    {
        var document = await _host.Get("/openapi/v1.json");
        var parameters = document.GetProperty("paths").GetProperty("/v1/models/{model}/versions/{version}/timeseries").GetProperty("get").GetProperty("parameters");
        var parameter = parameters.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "change_points");
        Assert.Contains("boolean", parameter.GetProperty("schema").GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.Contains("Page-Hinkley", parameter.GetProperty("description").GetString(), StringComparison.Ordinal);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Contains(schemas.EnumerateObject(), s => s.Value.TryGetProperty("properties", out var properties) && properties.TryGetProperty("change_points", out _));
        Assert.Contains(schemas.EnumerateObject(), s => s.Value.TryGetProperty("properties", out var properties) && properties.TryGetProperty("detected_at", out _));
    }
}
