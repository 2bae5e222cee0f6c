using System.Globalization;
using System.Text;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>
/// The shipped DatasetDrift rule on a fake clock through the real HTTP API: a version whose inputs move
/// away from its reference goes pending on the first drifted evaluation, fires once the verdict has held
/// for the rule's 10 minutes and notifies a webhook; a version whose inputs match its reference stays quiet.
/// </summary>
public sealed class DriftAlertEndToEndTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Drifted_inputs_fire_the_default_dataset_drift_rule_after_its_for_duration()
    {
        await using var hook = new Monitor.Testing.Receivers.LoopbackReceiver();
        await using var host = new AlertingHost(settings: new Dictionary<string, string?>
        {
            ["Monitor:Drift:EvaluationInterval"] = "00:00:15",
        });
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = hook.Url + "/alerts" }, expect: 201);
        await host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "hook" }, group_by = new[] { "alertname", "model", "version" }, group_wait = "15s", group_interval = "30s", repeat_interval = "4h" },
        });

        var random = new Random(11);
        var reference = Enumerable.Range(0, 500).Select(_ => Normal(random)).ToArray();
        foreach (var version in new[] { "stable", "drifted" })
        {
            await host.Send(HttpMethod.Put, $"/v1/models/risk/versions/{version}/reference", new { features = new { amount = reference } });
        }

        TimeSpan? pendingAt = null, firedAt = null;
        for (var step = 0; step < 60 && firedAt is null; step++)
        {
            await Post(host, "stable", random, shift: 0);
            await Post(host, "drifted", random, shift: 1);
            host.Time.Advance(Step);

            var state = await RuleState(host, "drifted");
            var elapsed = (step + 1) * Step;
            if (state == "pending")
            {
                pendingAt ??= elapsed;
            }
            else if (state == "firing")
            {
                firedAt = elapsed;
            }

            Assert.Equal("inactive", await RuleState(host, "stable"));
        }

        Assert.NotNull(pendingAt);
        Assert.NotNull(firedAt);
        Assert.InRange(firedAt.Value - pendingAt.Value, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10) + (2 * Step));

        var drift = await host.Get("/v1/models/risk/versions/drifted/drift");
        Assert.True(drift.GetProperty("dataset").GetProperty("drifted").GetBoolean());
        var firing = (await host.Get("/v1/alerts")).GetProperty("alerts").EnumerateArray().Single();
        Assert.Equal("DatasetDrift", firing.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("drifted", firing.GetProperty("labels").GetProperty("version").GetString());

        for (var i = 0; i < 4; i++)
        {
            host.Time.Advance(Step);
        }

        var notified = await hook.WaitForAsync(r => r.Json.GetProperty("status").GetString() == "firing");
        Assert.Equal("DatasetDrift", notified.Json.GetProperty("commonLabels").GetProperty("alertname").GetString());
    }

    private static async Task<string?> RuleState(AlertingHost host, string version)
    {
        var rules = (await host.Get($"/v1/models/risk/versions/{version}/alerts")).GetProperty("rules").EnumerateArray();
        return rules.Single(r => r.GetProperty("rule").GetString() == "DatasetDrift").GetProperty("state").GetString();
    }

    private static async Task Post(AlertingHost host, string version, Random random, double shift)
    {
        var body = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            var amount = (Normal(random) + shift).ToString("R", CultureInfo.InvariantCulture);
            body.Append("{\"model\":\"risk\",\"version\":\"").Append(version)
                .Append("\",\"prediction\":1,\"confidence\":0.9,\"latency_ms\":12,\"status\":\"success\",\"features\":{\"amount\":")
                .Append(amount).Append("}}\n");
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
        using var response = await host.Client.PostAsync("/v1/predictions", content);
        Assert.Equal(202, (int)response.StatusCode);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
