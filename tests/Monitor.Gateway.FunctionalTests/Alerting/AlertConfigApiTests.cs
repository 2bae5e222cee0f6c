using Monitor.Testing.Receivers;

namespace Monitor.Gateway.FunctionalTests.Alerting;

public sealed class AlertConfigApiTests : IAsyncLifetime
{
    private const string Token = "T0KEN-SECRET-4711";
    private AlertingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new AlertingHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Channel_secrets_are_write_only_and_kept_on_update()
    {
        var created = await _host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "ops", kind = "webhook", url = $"http://127.0.0.1:9/hooks/{Token}" }, expect: 201);
        Assert.False(created.TryGetProperty("url", out _));
        Assert.Equal(["url"], created.GetProperty("secrets").EnumerateArray().Select(e => e.GetString()));

        await _host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "pager", kind = "pagerduty", routing_key = Token, url = "http://127.0.0.1:9/v2/enqueue" }, expect: 201);
        await _host.Send(HttpMethod.Post, "/v1/alerts/channels", new
        {
            name = "mail", kind = "email", to = new[] { "oncall@example.test" }, from = "monitor@example.test", smtp_host = "127.0.0.1", username = "monitor", password = Token,
        }, expect: 201);

        var updated = await _host.Send(HttpMethod.Put, "/v1/alerts/channels/ops", new { kind = "webhook", send_resolved = false });
        Assert.Equal(["url"], updated.GetProperty("secrets").EnumerateArray().Select(e => e.GetString()));
        Assert.False(updated.GetProperty("send_resolved").GetBoolean());

        var listing = (await _host.Client.GetStringAsync("/v1/alerts/channels"));
        Assert.DoesNotContain(Token, listing);
        Assert.Contains("\"log\"", listing);
        Assert.DoesNotContain(Token, await _host.Client.GetStringAsync("/v1/alerts/channels/mail"));
        Assert.Contains("routing_key", await _host.Client.GetStringAsync("/v1/alerts/channels/pager"));
    }

    [Fact]
    public async Task Channels_and_routes_are_validated()
    {
        var noUrl = await _host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "x", kind = "slack" }, expect: 400);
        Assert.Equal("url", noUrl.GetProperty("field").GetString());
        var badKind = await _host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "x", kind = "sms" }, expect: 400);
        Assert.Equal("kind", badKind.GetProperty("field").GetString());
        await _host.Send(HttpMethod.Delete, "/v1/alerts/channels/log", expect: 409);

        var unknown = await _host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "log" } },
            routes = new[] { new { name = "pager", matchers = new[] { new { name = "severity", op = "=", value = "critical" } }, channels = new[] { "nope" } } },
        }, expect: 400);
        Assert.Equal("routes[0].channels", unknown.GetProperty("field").GetString());

        var badRegex = await _host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "log" } },
            routes = new[] { new { name = "pager", matchers = new[] { new { name = "severity", op = "=~", value = "(crit" } }, channels = new[] { "log" } } },
        }, expect: 400);
        Assert.Equal("routes[0].matchers[0].value", badRegex.GetProperty("field").GetString());

        await _host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "chat", kind = "slack", url = "http://127.0.0.1:9/slack" }, expect: 201);
        var routes = await _host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "log" }, group_by = new[] { "alertname", "model" }, group_wait = "10s", group_interval = "1m", repeat_interval = "2h" },
            routes = new[] { new { name = "chat", matchers = new[] { new { name = "severity", op = "=~", value = "warning|critical" } }, channels = new[] { "chat" }, @continue = true } },
            inhibit_rules = new[]
            {
                new { source_matchers = new[] { new { name = "severity", op = "=", value = "critical" } }, target_matchers = new[] { new { name = "severity", op = "=", value = "warning" } }, equal = new[] { "model", "version" } },
            },
        });
        Assert.Equal("2h", routes.GetProperty("default").GetProperty("repeat_interval").GetString());
        Assert.Equal("chat", routes.GetProperty("routes")[0].GetProperty("name").GetString());
        await _host.Send(HttpMethod.Delete, "/v1/alerts/channels/chat", expect: 409);
        await _host.Send(HttpMethod.Get, "/v1/alerts?model=nope", expect: 404);
    }

    [Fact]
    public async Task Silences_are_created_listed_and_expired()
    {
        var created = await _host.Send(HttpMethod.Post, "/v1/alerts/silences", new
        {
            matchers = new[] { new { name = "model", op = "=", value = "fraud" }, new { name = "severity", op = "!~", value = "critical" } },
            duration = "2h",
            created_by = "alice",
            comment = "deploying v3",
        }, expect: 201);
        var id = created.GetProperty("id").GetString();
        Assert.Equal("active", created.GetProperty("state").GetString());
        Assert.Equal("!~", created.GetProperty("matchers")[1].GetProperty("op").GetString());

        var listed = (await _host.Get("/v1/alerts/silences")).GetProperty("silences").EnumerateArray().Single();
        Assert.Equal("alice", listed.GetProperty("created_by").GetString());

        Assert.Equal("expired", (await _host.Send(HttpMethod.Delete, $"/v1/alerts/silences/{id}")).GetProperty("state").GetString());
        Assert.Equal("expired", (await _host.Get("/v1/alerts/silences")).GetProperty("silences")[0].GetProperty("state").GetString());
        await _host.Send(HttpMethod.Delete, "/v1/alerts/silences/nope", expect: 404);

        var bad = await _host.Send(HttpMethod.Post, "/v1/alerts/silences", new
        {
            matchers = new[] { new { name = "model", op = "=~", value = "[" } }, duration = "1h", created_by = "a", comment = "c",
        }, expect: 400);
        Assert.Equal("matchers[0].value", bad.GetProperty("field").GetString());
        var everything = await _host.Send(HttpMethod.Post, "/v1/alerts/silences", new
        {
            matchers = new[] { new { name = "team", op = "=~", value = ".*" } }, duration = "1h", created_by = "a", comment = "c",
        }, expect: 400);
        Assert.Equal("matchers", everything.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_failing_channel_never_writes_its_secret_to_the_log()
    {
        await using var receiver = new LoopbackReceiver(_ => (500, "boom"));
        await _host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "leaky", kind = "webhook", url = $"{receiver.Url}/hooks/{Token}", max_attempts = 2 }, expect: 201);
        await _host.Send(HttpMethod.Put, "/v1/alerts/routes", new { @default = new { channels = new[] { "leaky" }, group_wait = "0s" } });
        await _host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "AnyTraffic", model = "leak", metric = "throughput", comparator = ">", threshold = 0.0, window_minutes = 1,
        }, expect: 201);

        var now = _host.Time.GetUtcNow();
        await _host.Send(HttpMethod.Post, "/v1/predictions", new { model = "leak", version = "v1", latency_ms = 5, status = "success", timestamp = now }, expect: 202);
        _host.Time.Advance(TimeSpan.FromSeconds(15));
        await _host.Get("/v1/models/leak/versions/v1/alerts");
        await receiver.WaitForAsync(_ => true);
        for (var i = 0; i < 20 && !_host.Logs.Any(l => l.Contains("failed after 2 attempts", StringComparison.Ordinal)); i++)
        {
            _host.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }

        Assert.Contains(_host.Logs, l => l.Contains("leaky", StringComparison.Ordinal) && l.Contains("HTTP 500", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs, l => l.Contains(Token, StringComparison.Ordinal));
        var metrics = await _host.Client.GetStringAsync("/metrics");
        Assert.Contains("notifications_total{channel=\"leaky\",result=\"failure\"}", metrics);
    }
}
