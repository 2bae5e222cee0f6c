using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitor.Cli.Simulation;
using Monitor.Testing.Receivers;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>
/// Simulator traffic through the real HTTP API on a fake clock: a latency spike in one version makes
/// its alert fire, notify a webhook and a real Alertmanager, and resolve when latency recovers.
/// </summary>
public sealed class AlertingEndToEndTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_latency_spike_fires_notifies_and_resolves_when_traffic_recovers()
    {
        await using var alertmanager = await AlertmanagerProcess.StartAsync();
        await using var hook = new LoopbackReceiver();
        // The fake clock runs ten minutes behind Alertmanager's real one: alerts resolved on it are in
        // Alertmanager's past, as they would be without a fake clock; firing ones stay valid 20 minutes.
        await using var host = new AlertingHost(
            settings: new Dictionary<string, string?> { ["Monitor:Alerting:DefaultRules"] = "false" },
            start: DateTimeOffset.UtcNow.AddMinutes(-10));

        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = hook.Url + "/alerts" }, expect: 201);
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "am", kind = "alertmanager", url = alertmanager.Url, resend_interval = "5m" }, expect: 201);
        await host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "hook", "am" }, group_by = new[] { "alertname", "model" }, group_wait = "15s", group_interval = "30s", repeat_interval = "1h" },
        });
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "LatencySpike",
            model = "shop",
            metric = "latency_p95_ms",
            window_minutes = 1,
            comparator = ">",
            threshold = 300.0,
            @for = "30s",
            severity = "warning",
            min_samples = 20,
            annotations = new { summary = "p95 latency {{ $value }} ms on {{ $labels.version }}" },
        }, expect: 201);

        var plan = new SimulationPlan
        {
            Gateway = host.Client.BaseAddress!,
            Versions = [("shop", "v1"), ("shop", "v2")],
            LatencyFactor = 20,
            SpikeAfter = TimeSpan.FromMinutes(1),
            SpikeUntil = TimeSpan.FromMinutes(3),
            InjectInto = new HashSet<string> { "shop/v1" },
        };
        var records = new RecordFactory(plan, new Random(7));
        string? firedAt = null;
        for (var step = 0; step < 26; step++)
        {
            var elapsed = step * Step;
            foreach (var (model, version) in plan.Versions)
            {
                await Post(host, records, model, version, elapsed, 40);
            }

            host.Time.Advance(Step);
            var states = await host.Get("/v1/models/shop/versions/v1/alerts");
            var state = states.GetProperty("rules")[0].GetProperty("state").GetString();
            if (state == "firing" && firedAt is null)
            {
                firedAt = $"{elapsed}";
                Assert.True(elapsed >= plan.SpikeAfter, $"fired at {elapsed}, before the spike");
            }

            Assert.NotEqual("firing", (await host.Get("/v1/models/shop/versions/v2/alerts")).GetProperty("rules")[0].GetProperty("state").GetString());
            if (step == 11)
            {
                // Mid-spike: firing, in Monitor's list, at the webhook and in Alertmanager's own API.
                Assert.Equal("firing", state);
                var firing = (await host.Get("/v1/alerts")).GetProperty("alerts").EnumerateArray().Single();
                Assert.Equal("v1", firing.GetProperty("labels").GetProperty("version").GetString());
                var notified = await hook.WaitForAsync(r => r.Json.GetProperty("status").GetString() == "firing");
                Assert.Equal("LatencySpike", notified.Json.GetProperty("commonLabels").GetProperty("alertname").GetString());
                var fingerprint = firing.GetProperty("fingerprint").GetString();
                var listed = await WaitForAlertmanager(alertmanager, alerts => alerts.Length == 1);
                Assert.Equal(fingerprint, listed[0].GetProperty("fingerprint").GetString());
                Assert.Equal("shop", listed[0].GetProperty("labels").GetProperty("model").GetString());
            }
        }

        Assert.NotNull(firedAt);
        Assert.Equal("inactive", (await host.Get("/v1/models/shop/versions/v1/alerts")).GetProperty("rules")[0].GetProperty("state").GetString());
        Assert.Empty((await host.Get("/v1/alerts")).GetProperty("alerts").EnumerateArray());
        await hook.WaitForAsync(r => r.Json.GetProperty("status").GetString() == "resolved");
        await WaitForAlertmanager(alertmanager, alerts => alerts.Length == 0);
        var history = (await host.Get("/v1/alerts/history?model=shop")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["resolved", "firing"], history);
        Assert.Contains("notifications_total{channel=\"hook\",result=\"success\"}", await host.Client.GetStringAsync("/metrics"));
    }

    private static async Task Post(AlertingHost host, RecordFactory records, string model, string version, TimeSpan elapsed, int count)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = 0; i < count; i++)
            {
                records.Write(json, model, version, elapsed, host.Time.GetUtcNow());
            }

            json.WriteEndArray();
        }

        using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await host.Client.PostAsync("/v1/predictions", content);
        Assert.Equal(202, (int)response.StatusCode);
    }

    private static async Task<JsonElement[]> WaitForAlertmanager(AlertmanagerProcess alertmanager, Func<JsonElement[], bool> condition)
    {
        for (var i = 0; ; i++)
        {
            var alerts = await alertmanager.AlertsAsync();
            if (condition(alerts) || i >= 100)
            {
                Assert.True(condition(alerts), $"Alertmanager lists {alerts.Length} alerts: {string.Join(", ", alerts.Select(a => a.ToString()))}");
                return alerts;
            }

            await Task.Delay(100);
        }
    }
}
