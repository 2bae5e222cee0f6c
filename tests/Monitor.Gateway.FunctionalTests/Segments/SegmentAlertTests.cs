using Monitor.Gateway.FunctionalTests.Alerting;
using Monitor.Testing.Receivers;
using Monitor.Testing.Segments;

namespace Monitor.Gateway.FunctionalTests.Segments;

/// <summary>
/// A rule scoped per segment key on a fake clock: one alert per drifted segment, each with its segment label,
/// grouped into one notification when the route groups by alert name, and none for the segment that did not drift.
/// </summary>
public sealed class SegmentAlertTests
{
    [Fact]
    public async Task A_rule_scoped_by_key_fires_one_alert_per_drifted_segment()
    {
        await using var hook = new LoopbackReceiver();
        await using var host = new AlertingHost(settings: new Dictionary<string, string?>
        {
            ["Monitor:Drift:EvaluationInterval"] = "00:00:15",
            ["Monitor:Segments:EvaluationInterval"] = "00:00:15",
        });
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = hook.Url + "/alerts" }, expect: 201);
        await host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "hook" }, group_by = new[] { "alertname" }, group_wait = "15s", group_interval = "30s", repeat_interval = "4h" },
        });
        var refused = await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "SegmentRevenue", metric = "revenue", segment = "country", comparator = ">", threshold = 0.0,
        }, expect: 400);
        Assert.Equal("segment", refused.GetProperty("field").GetString());
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "SegmentDrift", model = "segalert", metric = "drift_detected", segment = "country", comparator = ">", threshold = 0.5, @for = "0s",
        }, expect: 201);

        var random = new Random(21);
        await host.Send(HttpMethod.Put, "/v1/models/segalert/versions/v1/reference", SegmentTraffic.Reference(random, 1200, "DE", "FR", "ES"));
        await host.Send(HttpMethod.Put, "/v1/models/segalert/versions/v1/segments", new { keys = new[] { "country" }, top_k = 3 });
        await SegmentTraffic.Post(host.Client, "segalert", "v1", "DE", 200, random);
        await SegmentTraffic.Post(host.Client, "segalert", "v1", "FR", 200, random, shift: 3);
        await SegmentTraffic.Post(host.Client, "segalert", "v1", "ES", 200, random, shift: 3);

        var alerts = new List<System.Text.Json.JsonElement>();
        for (var step = 0; step < 20 && alerts.Count < 2; step++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(15));
            await host.Get("/v1/models/segalert/versions/v1/alerts");
            alerts = [.. (await host.Get("/v1/alerts")).GetProperty("alerts").EnumerateArray()];
        }

        Assert.Equal(["country:ES", "country:FR"], alerts.Select(a => a.GetProperty("labels").GetProperty("segment").GetString()).Order());
        Assert.All(alerts, a => Assert.Equal("SegmentDrift", a.GetProperty("labels").GetProperty("alertname").GetString()));

        var rules = (await host.Get("/v1/models/segalert/versions/v1/alerts")).GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal("inactive", rules.Single(r => r.GetProperty("rule").GetString() == "SegmentDrift [country:DE]").GetProperty("state").GetString());
        Assert.Equal("firing", rules.Single(r => r.GetProperty("rule").GetString() == "SegmentDrift [country:FR]").GetProperty("state").GetString());

        // The segments' series on /metrics: the top K and "other", each with its verdict.
        var metrics = await host.Client.GetStringAsync("/metrics");
        Assert.Contains("monitor_segment_drift_dataset_drifted{model=\"segalert\",model_version=\"v1\",segment_key=\"country\",segment=\"country:FR\"} 1", metrics);
        Assert.Contains("monitor_segment_drift_dataset_drifted{model=\"segalert\",model_version=\"v1\",segment_key=\"country\",segment=\"country:DE\"} 0", metrics);
        Assert.Contains("monitor_segment_requests{model=\"segalert\",model_version=\"v1\",segment_key=\"country\",segment=\"country:other\"}", metrics);

        for (var i = 0; i < 4; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(15));
        }

        var notified = await hook.WaitForAsync(r => r.Json.GetProperty("status").GetString() == "firing");
        Assert.Equal(2, notified.Json.GetProperty("alerts").GetArrayLength());
        Assert.Equal("SegmentDrift", notified.Json.GetProperty("commonLabels").GetProperty("alertname").GetString());
    }
}
