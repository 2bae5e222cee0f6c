using System.Text.Json;

namespace Monitor.Gateway.FunctionalTests.Alerting;

public sealed class AlertRuleApiTests : IAsyncLifetime
{
    private AlertingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new AlertingHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static object Rule(string name = "SlowCheckout") => new
    {
        name,
        model = "checkout",
        metric = "latency_p95_ms",
        window_minutes = 5,
        comparator = ">",
        threshold = 250.0,
        @for = "2m",
        keep_firing_for = "1m",
        severity = "critical",
        labels = new { team = "payments" },
        annotations = new { summary = "p95 {{ $value }} ms", runbook_url = "http://runbooks.test/latency" },
        min_samples = 20,
    };

    [Fact]
    public async Task Defaults_ship_and_rules_are_created_read_switched_off_and_deleted()
    {
        var rules = (await _host.Get("/v1/alerts/rules")).GetProperty("rules").EnumerateArray().ToList();
        var names = rules.Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("HighErrorRate", names);
        Assert.Contains("HighLatencyP95", names);
        Assert.All(rules, r => Assert.True(r.GetProperty("builtin").GetBoolean()));

        var created = await _host.Send(HttpMethod.Post, "/v1/alerts/rules", Rule(), expect: 201);
        Assert.Equal("2m", created.GetProperty("for").GetString());
        Assert.Equal(">", created.GetProperty("comparator").GetString());
        Assert.Equal("payments", created.GetProperty("labels").GetProperty("team").GetString());
        await _host.Send(HttpMethod.Post, "/v1/alerts/rules", Rule(), expect: 409);

        var off = await _host.Send(HttpMethod.Put, "/v1/alerts/rules/HighErrorRate", new { metric = "error_rate", comparator = ">", threshold = 0.05, enabled = false });
        Assert.False(off.GetProperty("enabled").GetBoolean());
        Assert.True(off.GetProperty("builtin").GetBoolean());

        Assert.Equal("SlowCheckout", (await _host.Send(HttpMethod.Delete, "/v1/alerts/rules/SlowCheckout")).GetProperty("name").GetString());
        await _host.Send(HttpMethod.Get, "/v1/alerts/rules/SlowCheckout", expect: 404);
        await _host.Send(HttpMethod.Delete, "/v1/alerts/rules/SlowCheckout", expect: 404);
    }

    [Theory]
    [InlineData("metric", "\"latency_p97\"", "metric", "unknown metric 'latency_p97'")]
    [InlineData("comparator", "\"=>\"", "comparator", "must be one of")]
    [InlineData("for", "\"5 minutes\"", "for", "must be a duration")]
    [InlineData("severity", "\"page\"", "severity", "info, warning or critical")]
    [InlineData("window_minutes", "0", "window_minutes", "from 1 to 1440")]
    [InlineData("threshhold", "3", "threshhold", "unknown field")]
    [InlineData("model", "null", "version", "needs a model")]
    [InlineData("labels", "{\"severity\": \"low\"}", "labels.severity", "is set by Monitor")]
    [InlineData("action", "\"no-such-hook\"", "action", "no channel named 'no-such-hook'")]
    [InlineData("name", "\"9lives\"", "name", "Prometheus alertname")]
    public async Task Bad_rules_are_refused_with_the_field_and_the_reason(string field, string json, string expectedField, string reason)
    {
        var body = JsonSerializer.SerializeToNode(new
        {
            name = "Bad",
            model = "m",
            version = "v1",
            metric = "error_rate",
            comparator = ">",
            threshold = 0.1,
        })!.AsObject();
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        using var response = await _host.Client.PostAsync("/v1/alerts/rules", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(expectedField, problem.GetProperty("field").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_threshold_and_broken_json_are_refused()
    {
        var missing = await _host.Send(HttpMethod.Post, "/v1/alerts/rules", new { name = "X", metric = "error_rate", comparator = ">" }, expect: 400);
        Assert.Equal("threshold", missing.GetProperty("field").GetString());
        using var broken = await _host.Client.PostAsync("/v1/alerts/rules", new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)broken.StatusCode);
    }
}
