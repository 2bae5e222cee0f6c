using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Monitor.Cli;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// API keys through HTTP: every /v1 request needs a key whose role allows its method and path,
/// decided centrally (also for paths no endpoint serves); health stays open; keys are never logged
/// or returned.
/// </summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Record = """{"model":"fraud","version":"v1","latency_ms":12.5,"status":"success","prediction":1}""";
    private readonly string _ingest = ApiKeyCommand.NewKey();
    private readonly string _read = ApiKeyCommand.NewKey();
    private readonly string _admin = ApiKeyCommand.NewKey();
    private readonly string _limited = ApiKeyCommand.NewKey();
    private readonly CapturedLogs _logs = new();
    private MonitorFactory _factory = null!;
    private WebApplicationFactory<Monitor.Gateway.GatewayProgram> _app = null!;

    public Task InitializeAsync()
    {
        _factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Security:ApiKeys:0:Name"] = "ci-ingest",
            ["Monitor:Security:ApiKeys:0:Role"] = "ingest",
            ["Monitor:Security:ApiKeys:0:Hash"] = ApiKeyCommand.HashOf(_ingest),
            ["Monitor:Security:ApiKeys:1:Name"] = "grafana",
            ["Monitor:Security:ApiKeys:1:Role"] = "read",
            ["Monitor:Security:ApiKeys:1:Hash"] = "sha256:" + ApiKeyCommand.HashOf(_read).ToUpperInvariant(),
            ["Monitor:Security:ApiKeys:2:Name"] = "ops",
            ["Monitor:Security:ApiKeys:2:Role"] = "admin",
            ["Monitor:Security:ApiKeys:2:Hash"] = ApiKeyCommand.HashOf(_admin),
            ["Monitor:Security:ApiKeys:3:Name"] = "slow",
            ["Monitor:Security:ApiKeys:3:Role"] = "read",
            ["Monitor:Security:ApiKeys:3:Hash"] = ApiKeyCommand.HashOf(_limited),
            ["Monitor:Security:ApiKeys:3:RequestsPerSecond"] = "0.5",
            ["Monitor:Security:ApiKeys:3:Burst"] = "2",
        });
        _app = _factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(_logs)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_request_without_a_key_or_with_a_wrong_one_is_refused_401()
    {
        var client = _app.CreateClient();
        await AssertProblem(await client.GetAsync("/v1/models"), HttpStatusCode.Unauthorized, "no API key");
        await AssertProblem(await Send(client, HttpMethod.Get, "/v1/models", ApiKeyCommand.NewKey()), HttpStatusCode.Unauthorized, "not valid");
        await AssertProblem(await Send(client, HttpMethod.Post, "/v1/predictions", "Bearer", Record), HttpStatusCode.Unauthorized, "not valid");
        var response = await client.GetAsync("/v1/models");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_key_may_do_what_its_role_allows_and_nothing_more()
    {
        var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await Send(client, HttpMethod.Post, "/v1/predictions", _ingest, Record)).StatusCode);
        await AssertProblem(await Send(client, HttpMethod.Get, "/v1/models", _ingest), HttpStatusCode.Forbidden, "needs 'read'");

        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Get, "/v1/models", _read)).StatusCode);
        await AssertProblem(await Send(client, HttpMethod.Post, "/v1/predictions", _read, Record), HttpStatusCode.Forbidden, "needs 'ingest'");

        Assert.Equal(HttpStatusCode.Accepted, (await Send(client, HttpMethod.Post, "/v1/predictions", _admin, Record)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Get, "/v1/models/fraud/versions/v1/summary", _admin)).StatusCode);

        // X-Api-Key works as well as Authorization: Bearer.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("X-Api-Key", _read);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/v1/models/fraud/versions/v1/reference")]
    [InlineData("POST", "/v1/models/fraud/versions/v1/reference/capture")]
    [InlineData("POST", "/v1/alerts/rules")]
    [InlineData("PUT", "/v1/models/fraud/champion")]
    [InlineData("DELETE", "/v1/alerts/silences/1")]
    [InlineData("PATCH", "/v1/anything/added/later")]
    public async Task Every_change_under_v1_needs_admin_whether_or_not_an_endpoint_serves_it(string method, string path)
    {
        var client = _app.CreateClient();
        await AssertProblem(await Send(client, new HttpMethod(method), path, null, "{}"), HttpStatusCode.Unauthorized, "no API key");
        await AssertProblem(await Send(client, new HttpMethod(method), path, _ingest, "{}"), HttpStatusCode.Forbidden, "needs 'admin'");
        await AssertProblem(await Send(client, new HttpMethod(method), path, _read, "{}"), HttpStatusCode.Forbidden, "needs 'admin'");
        Assert.NotEqual(HttpStatusCode.Forbidden, (await Send(client, new HttpMethod(method), path, _admin, "{}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await Send(client, new HttpMethod(method), path, _admin, "{}")).StatusCode);
    }

    [Theory]
    [InlineData("/v1/labels", """{"model":"fraud","id":"req-1","label":1}""")]
    [InlineData("/v1/events", """{"model":"fraud","version":"v1","type":"click"}""")]
    public async Task Labels_and_events_are_telemetry_and_need_ingest(string path, string body)
    {
        var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await Send(client, HttpMethod.Post, "/v1/predictions", _ingest, Record)).StatusCode);
        await AssertProblem(await Send(client, HttpMethod.Post, path, null, body), HttpStatusCode.Unauthorized, "no API key");
        await AssertProblem(await Send(client, HttpMethod.Post, path, _read, body), HttpStatusCode.Forbidden, "needs 'ingest'");
        Assert.Equal(HttpStatusCode.Accepted, (await Send(client, HttpMethod.Post, path, _ingest, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Send(client, HttpMethod.Post, path, _admin, body)).StatusCode);
    }

    [Theory]
    [InlineData("/v1/models/fraud/compare?a=v1&b=v2")]
    [InlineData("/v1/models/fraud/champion")]
    [InlineData("/v1/alerts/history")]
    [InlineData("/v1/cluster")]
    [InlineData("http://localhost//v1/models")]
    public async Task Every_read_under_v1_needs_read_whether_or_not_an_endpoint_serves_it(string path)
    {
        var client = _app.CreateClient();
        await AssertProblem(await client.GetAsync(path), HttpStatusCode.Unauthorized, "no API key");
        await AssertProblem(await Send(client, HttpMethod.Get, path, _ingest), HttpStatusCode.Forbidden, "needs 'read'");
        Assert.NotEqual(HttpStatusCode.Forbidden, (await Send(client, HttpMethod.Get, path, _read)).StatusCode);
    }

    [Fact]
    public async Task Health_and_metrics_stay_open_unless_metrics_are_protected()
    {
        var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);

        await using var protectedMetrics = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Security:ProtectMetrics"] = "true",
            ["Monitor:Security:ApiKeys:0:Name"] = "prometheus",
            ["Monitor:Security:ApiKeys:0:Role"] = "read",
            ["Monitor:Security:ApiKeys:0:Hash"] = ApiKeyCommand.HashOf(_read),
        });
        var guarded = protectedMetrics.CreateClient();
        await AssertProblem(await guarded.GetAsync("/metrics"), HttpStatusCode.Unauthorized, "no API key");
        Assert.Equal(HttpStatusCode.OK, (await Send(guarded, HttpMethod.Get, "/metrics", _read)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guarded.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_key_past_its_rate_limit_gets_429_with_retry_after()
    {
        var client = _app.CreateClient();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5 && refused is null; i++)
        {
            var response = await Send(client, HttpMethod.Get, "/v1/models", _limited);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await AssertProblem(refused, HttpStatusCode.TooManyRequests, "the key 'slow'");

        // Another key has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Get, "/v1/models", _read)).StatusCode);
    }

    [Fact]
    public async Task Keys_and_their_hashes_are_never_logged_or_returned()
    {
        var client = _app.CreateClient();
        var bodies = new StringBuilder();
        foreach (var key in new[] { _ingest, _read, _admin, "not-a-key" })
        {
            foreach (var (method, path) in new[] { ("GET", "/v1/models"), ("POST", "/v1/predictions"), ("PUT", "/v1/x"), ("GET", "/v1/missing") })
            {
                var response = await Send(client, new HttpMethod(method), path, key, Record);
                bodies.Append(await response.Content.ReadAsStringAsync()).Append(response.Headers).Append(response.Content.Headers);
            }
        }

        var logged = string.Join('\n', _logs.Lines);
        Assert.Contains("ci-ingest", logged);
        foreach (var secret in new[] { _ingest, _read, _admin, ApiKeyCommand.HashOf(_ingest), ApiKeyCommand.HashOf(_read), ApiKeyCommand.HashOf(_admin) })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, bodies.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Cors_is_off_unless_origins_are_configured()
    {
        var preflight = () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/v1/models");
            request.Headers.Add("Origin", "https://dash.example.com");
            request.Headers.Add("Access-Control-Request-Method", "GET");
            return request;
        };

        var closed = await _app.CreateClient().SendAsync(preflight());
        Assert.False(closed.Headers.Contains("Access-Control-Allow-Origin"));

        await using var open = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Security:Cors:AllowedOrigins:0"] = "https://dash.example.com",
        });
        var allowed = await open.CreateClient().SendAsync(preflight());
        Assert.Equal("https://dash.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var other = preflight();
        other.Headers.Remove("Origin");
        other.Headers.Add("Origin", "https://evil.example.com");
        Assert.False((await open.CreateClient().SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task With_no_keys_the_api_is_open_and_a_warning_says_so()
    {
        var logs = new CapturedLogs();
        await using var factory = new MonitorFactory();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/v1/models")).StatusCode);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("No API keys are configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_key_setting_stops_the_start_with_a_clear_message()
    {
        await using var factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Security:ApiKeys:0:Name"] = "broken",
            ["Monitor:Security:ApiKeys:0:Role"] = "superuser",
            ["Monitor:Security:ApiKeys:0:Hash"] = "abc",
        });
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await factory.CreateClient().GetAsync("/health/live"));
        var message = failure.ToString();
        Assert.Contains("Monitor:Security:ApiKeys:0:Role must be ingest, read or admin", message);
        Assert.Contains("Monitor:Security:ApiKeys:0:Hash must be the key's SHA-256", message);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? key, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null && method != HttpMethod.Get)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.Contains(detailContains, detail);
    }
}
