using System.Globalization;
using System.Text;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>
/// Drift alerts say why: when the shipped DatasetDrift rule and a per-feature drift rule fire on a fake clock through
/// the real HTTP API, their alerts name the drifted features (not the stable one) in their annotations, and the
/// webhook and Slack notifications carry those names.
/// </summary>
public sealed class DriftAlertExplanationTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Firing_drift_alerts_name_the_drifted_features_in_annotations_and_notifications()
    {
        await using var hook = new Monitor.Testing.Receivers.LoopbackReceiver();
        await using var slack = new Monitor.Testing.Receivers.LoopbackReceiver(_ => (200, "ok"));
        await using var host = new AlertingHost(settings: new Dictionary<string, string?>
        {
            ["Monitor:Drift:EvaluationInterval"] = "00:00:15",
        });
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = hook.Url + "/alerts" }, expect: 201);
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "chat", kind = "slack", url = slack.Url + "/services/T0/B0/x" }, expect: 201);
        await host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "hook", "chat" }, group_by = new[] { "alertname", "model", "version" }, group_wait = "15s", group_interval = "30s", repeat_interval = "4h" },
        });
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "ScoreDrift", model = "risk", metric = "feature_drifted", feature = "score", comparator = ">=", threshold = 1.0,
            @for = "1m", annotations = new { summary = "score drifted: {{ $drifted_features_detail }}" },
        }, expect: 201);

        var random = new Random(23);
        await host.Send(HttpMethod.Put, "/v1/models/risk/versions/v2/reference", new
        {
            features = new Dictionary<string, double[]>
            {
                ["amount"] = [.. Enumerable.Range(0, 500).Select(_ => Normal(random))],
                ["score"] = [.. Enumerable.Range(0, 500).Select(_ => Normal(random))],
                ["stable"] = [.. Enumerable.Range(0, 500).Select(_ => Normal(random))],
            },
        });

        var fired = false;
        for (var step = 0; step < 60 && !fired; step++)
        {
            await Post(host, random);
            host.Time.Advance(Step);
            fired = await RuleState(host, "DatasetDrift") == "firing";
        }

        Assert.True(fired);
        Assert.Equal("firing", await RuleState(host, "ScoreDrift"));

        var alerts = (await host.Get("/v1/alerts")).GetProperty("alerts").EnumerateArray().ToList();
        var dataset = alerts.Single(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "DatasetDrift").GetProperty("annotations");
        var names = dataset.GetProperty("drifted_features").GetString()!.Split(", ");
        Assert.Equal(["amount", "score"], names.Order());
        Assert.Contains("adjusted p = ", dataset.GetProperty("drifted_features_detail").GetString());
        Assert.Contains("drifted from the reference", dataset.GetProperty("summary").GetString());

        var score = alerts.Single(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "ScoreDrift").GetProperty("annotations");
        Assert.Equal("score", score.GetProperty("drifted_features").GetString());
        Assert.StartsWith("score drifted: score: ", score.GetProperty("summary").GetString());

        for (var i = 0; i < 4; i++)
        {
            host.Time.Advance(Step);
        }

        var notified = await hook.WaitForAsync(r => r.Json.GetProperty("status").GetString() == "firing"
            && r.Json.GetProperty("commonLabels").GetProperty("alertname").GetString() == "DatasetDrift");
        var sent = notified.Json.GetProperty("alerts").EnumerateArray().Single().GetProperty("annotations");
        Assert.Equal(string.Join(", ", names), sent.GetProperty("drifted_features").GetString());
        Assert.DoesNotContain("stable", sent.GetProperty("drifted_features").GetString());

        var chat = await slack.WaitForAsync(r => r.Body.Contains("DatasetDrift", StringComparison.Ordinal));
        Assert.Contains($"Drifted features: {string.Join(", ", names)}", chat.Json.GetProperty("blocks").ToString());
    }

    private static async Task<string?> RuleState(AlertingHost host, string rule)
    {
        var rules = (await host.Get("/v1/models/risk/versions/v2/alerts")).GetProperty("rules").EnumerateArray();
        return rules.SingleOrDefault(r => r.GetProperty("rule").GetString() == rule) is { ValueKind: System.Text.Json.JsonValueKind.Object } found
            ? found.GetProperty("state").GetString()
            : null;
    }

    private static async Task Post(AlertingHost host, Random random)
    {
        var body = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            body.Append("{\"model\":\"risk\",\"version\":\"v2\",\"prediction\":1,\"confidence\":0.9,\"latency_ms\":12,\"status\":\"success\",\"features\":{")
                .Append("\"amount\":").Append(Text(Normal(random) + 1))
                .Append(",\"score\":").Append(Text(Normal(random) - 1))
                .Append(",\"stable\":").Append(Text(Normal(random)))
                .Append("}}\n");
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
        using var response = await host.Client.PostAsync("/v1/predictions", content);
        Assert.Equal(202, (int)response.StatusCode);
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
