using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitor.Testing.Receivers;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>
/// A change-point rule through the real HTTP API on a fake clock: a lasting latency step in one version fires its
/// alert and notifies a webhook with when and which way the level moved, while a version with stationary latency
/// never leaves inactive; the time series answers the same change point for the chart.
/// </summary>
public sealed class TrendAlertEndToEndTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_latency_step_fires_a_change_point_rule_and_a_stationary_version_does_not()
    {
        await using var hook = new LoopbackReceiver();
        await using var host = new AlertingHost(settings: new Dictionary<string, string?> { ["Monitor:Alerting:DefaultRules"] = "false" });
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = hook.Url + "/alerts" }, expect: 201);
        await host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "hook" }, group_by = new[] { "alertname", "version" }, group_wait = "15s", group_interval = "1m", repeat_interval = "1h" },
        });
        var rule = await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "LatencyShift",
            model = "shop",
            metric = "change_point(latency_p95_ms, 30m)",
            comparator = ">",
            threshold = 20.0,
            @for = "1m",
            min_samples = 30,
            annotations = new { summary = "p95 latency moved {{ $change_point_direction }} by {{ $value }} ms" },
        }, expect: 201);
        Assert.Equal("change_point(latency_p95_ms, 30m)", rule.GetProperty("metric").GetString());

        var random = new Random(42);
        var stepAt = TimeSpan.FromMinutes(40);
        TimeSpan? firedAt = null;
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(50); elapsed += Tick)
        {
            await Post(host, random, "v1", elapsed >= stepAt ? 200 : 100);
            await Post(host, random, "v2", 100);
            host.Time.Advance(Tick);

            // Both judged every tick once the window is full: the stationary one never pending, the shifted one only after its step.
            var v2 = await RuleState(host, "v2");
            Assert.True(v2.State == "inactive", $"v2 {v2.State} at {elapsed} with value {v2.Value}");
            var v1 = await RuleState(host, "v1");
            if (elapsed < stepAt)
            {
                Assert.True(v1.State == "inactive", $"v1 {v1.State} at {elapsed} before its step, value {v1.Value}");
            }
            else if (v1.State == "firing")
            {
                firedAt ??= elapsed;
                Assert.InRange(v1.Value ?? 0, 60, 140);
            }

            if (elapsed == TimeSpan.FromMinutes(30))
            {
                // The window holds its 60 complete 30 s steps: the rule has been judging, and found nothing.
                Assert.Equal(0.0, v2.Value);
                Assert.True(v2.Samples >= 55, $"{v2.Samples} points");
            }
        }

        Assert.NotNull(firedAt);
        Assert.InRange(firedAt!.Value, stepAt + TimeSpan.FromMinutes(1), stepAt + TimeSpan.FromMinutes(5));

        var notified = await hook.WaitForAsync(r => r.Json.GetProperty("status").GetString() == "firing");
        var alert = notified.Json.GetProperty("alerts").EnumerateArray().Single();
        Assert.Equal("LatencyShift", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("v1", alert.GetProperty("labels").GetProperty("version").GetString());
        var annotations = alert.GetProperty("annotations");
        Assert.Equal("up", annotations.GetProperty("change_point_direction").GetString());
        Assert.StartsWith("p95 latency moved up by ", annotations.GetProperty("summary").GetString());
        var at = DateTimeOffset.Parse(annotations.GetProperty("change_point_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at - host.Time.GetUtcNow(), TimeSpan.FromMinutes(-11), TimeSpan.FromMinutes(-9));

        // The same shift, for the chart; none in the stationary version's latency.
        var series = await host.Get("/v1/models/shop/versions/v1/timeseries?minutes=30&step=30&change_points=true");
        var change = series.GetProperty("change_points").EnumerateArray().Single(c => c.GetProperty("series").GetString() == "latency_p95_ms");
        Assert.Equal("up", change.GetProperty("direction").GetString());
        Assert.Equal("page_hinkley", change.GetProperty("detector").GetString());
        Assert.InRange(change.GetProperty("magnitude").GetDouble(), 60, 140);
        Assert.InRange(DateTimeOffset.Parse(change.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) - at, TimeSpan.FromMinutes(-1), TimeSpan.FromMinutes(1));
        var stationary = await host.Get("/v1/models/shop/versions/v2/timeseries?minutes=30&step=30&change_points=true");
        Assert.DoesNotContain(stationary.GetProperty("change_points").EnumerateArray(), c => c.GetProperty("series").GetString()!.StartsWith("latency", StringComparison.Ordinal));
        Assert.False((await host.Get("/v1/models/shop/versions/v2/timeseries?minutes=30&step=30")).TryGetProperty("change_points", out _));
    }

    private static async Task<(string State, double? Value, long Samples)> RuleState(AlertingHost host, string version)
    {
        var rule = (await host.Get($"/v1/models/shop/versions/{version}/alerts")).GetProperty("rules")[0];
        var value = rule.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null;
        return (rule.GetProperty("state").GetString()!, value, rule.GetProperty("samples").GetInt64());
    }

    /// <summary>40 records with latencies around <paramref name="latencyMs"/> (sd 10 %).</summary>
    private static async Task Post(AlertingHost host, Random random, string version, double latencyMs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = 0; i < 40; i++)
            {
                var u1 = 1.0 - random.NextDouble();
                var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
                json.WriteStartObject();
                json.WriteString("model", "shop");
                json.WriteString("version", version);
                json.WriteString("timestamp", host.Time.GetUtcNow());
                json.WriteStartObject("features");
                json.WriteNumber("amount", random.NextDouble());
                json.WriteEndObject();
                json.WriteNumber("prediction", 1);
                json.WriteNumber("confidence", 0.9);
                json.WriteNumber("latency_ms", Math.Round(Math.Max(1, latencyMs * (1 + (0.1 * normal))), 3));
                json.WriteString("status", "success");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await host.Client.PostAsync("/v1/predictions", content);
        Assert.Equal(202, (int)response.StatusCode);
    }
}
