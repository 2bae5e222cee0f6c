using Monitor.Gateway.FunctionalTests.Alerting;
using Monitor.Testing.Deploy;

namespace Monitor.Gateway.FunctionalTests.Hosting;

/// <summary>
/// Every metric the Grafana dashboard and the Prometheus alert rules query is one a real Monitor node
/// exports: the gateway's /metrics after ingest (accepted and rejected records, errors, confidences),
/// a drift evaluation against a reference, a label and business events, and an alert notification, so a renamed family breaks this
/// test rather than a panel in production.
/// </summary>
public sealed class DeployMetricFamiliesTests
{
    /// <summary>Series Prometheus makes itself from its alerting rules, not scraped from Monitor.</summary>
    private static readonly string[] MadeByPrometheus = ["ALERTS"];

    [Fact]
    public async Task Every_family_the_dashboard_and_the_alert_rules_query_is_exported_by_a_real_node()
    {
        await using var host = new AlertingHost(settings: new Dictionary<string, string?>
        {
            ["Monitor:Alerting:DefaultRules"] = "false",
            ["Monitor:Outcomes:RefreshInterval"] = "00:00:00.2",
        });
        await host.Send(HttpMethod.Put, "/v1/alerts/routes", new
        {
            @default = new { channels = new[] { "log" }, group_by = new[] { "alertname" }, group_wait = "1s", group_interval = "1m", repeat_interval = "1h" },
        });
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "AnyError",
            model = "families",
            metric = "error_rate",
            window_minutes = 1,
            comparator = ">",
            threshold = 0.0,
            @for = "0s",
            severity = "warning",
            min_samples = 1,
        }, expect: 201);

        var (status, _) = await host.Client.PostJson("/v1/predictions", new[]
        {
            ApiClient.Record("families", "v1", 12, confidence: 0.4),
            ApiClient.Record("families", "v1", 700, status: "error", error: "Timeout", confidence: 0.9),
            ApiClient.Record("families", "v1", -1),
        });
        Assert.Equal(202, status);

        // A label and business events of an identified prediction: the outcome counters now, the outcome gauges at the version's next refresh.
        Assert.Equal(202, (await host.Client.PostJson("/v1/predictions", new[] { ApiClient.Record("families", "v1", 20, id: "p-1", confidence: 0.8) })).Status);
        Assert.Equal(202, (await host.Client.PostJson("/v1/labels", new[] { new { model = "families", id = "p-1", label = 1 } })).Status);
        Assert.Equal(202, (await host.Client.PostJson("/v1/events", new object[]
        {
            new { model = "families", id = "p-1", type = "click" },
            new { model = "families", version = "v1", type = "revenue", value = 5.0 },
        })).Status);

        // A reference with a numeric and a categorical feature and both outputs, then a window far from it:
        // the on-demand drift report sets the drift and data-quality gauges.
        const string version = "/v1/models/families/versions/v2";
        var reference = await host.Client.PutJson($"{version}/reference", new
        {
            features = new Dictionary<string, object?[]>
            {
                ["amount"] = [.. Enumerable.Range(0, 60).Select(i => (object?)(double)i)],
                ["country"] = [.. Enumerable.Range(0, 60).Select(i => (object?)(i % 2 == 0 ? "DE" : "FR"))],
            },
            predictions = Enumerable.Range(0, 60).Select(i => i % 2).ToArray(),
            confidences = Enumerable.Range(0, 60).Select(i => 0.5 + (i % 10) / 20.0).ToArray(),
        });
        Assert.True(reference.IsSuccessStatusCode, await reference.Content.ReadAsStringAsync());
        await host.Client.PostRecords("families", "v2", Enumerable.Range(0, 50).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["amount"] = i % 5 == 0 ? null : 100.0 + i,
            ["country"] = i % 2 == 0 ? "US" : "DE",
        }));
        var drift = await host.Client.GetAsync($"{version}/drift");
        Assert.True(drift.IsSuccessStatusCode, await drift.Content.ReadAsStringAsync());

        // The rule fires at the next evaluation and the log channel is notified after group_wait.
        var metrics = "";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(metrics.Contains("notifications_total{channel=\"log\"", StringComparison.Ordinal) && metrics.Contains("monitor_revenue_per_prediction{", StringComparison.Ordinal))
            && DateTime.UtcNow < deadline)
        {
            host.Time.Advance(TimeSpan.FromSeconds(15));
            await Task.Delay(100);
            metrics = await host.Client.GetStringAsync("/metrics");
        }

        var families = DeployQueries.Families(metrics);
        var missing = new List<string>();
        foreach (var query in DeployQueries.DashboardQueries().Concat(DeployQueries.RuleQueries()))
        {
            var names = DeployQueries.MetricNames(query.Expression);
            Assert.True(names.Count > 0, $"{query.Source}: no metric in {query.Expression}");
            missing.AddRange(names.Where(n => !MadeByPrometheus.Contains(n) && !DeployQueries.IsExported(n, families)).Select(n => $"{query.Source}: {n}"));
        }

        Assert.True(missing.Count == 0, "not exported by Monitor: " + string.Join("; ", missing));
    }

    [Theory]
    [InlineData("histogram_quantile(0.95, sum by (model, model_version, le) (rate(prediction_latency_seconds_bucket{model=~\"$model\"}[$__rate_interval])))", "prediction_latency_seconds_bucket")]
    [InlineData("count(ALERTS{alertstate=\"firing\"}) or vector(0)", "ALERTS")]
    [InlineData("sum by (model, model_version) (increase(predictions_total{status=\"error\"}[5m])) / on (model) group_left sum(up offset 5m)", "predictions_total up")]
    [InlineData("max by (model, model_version) (monitor_drift_dataset_drifted) >= 1 and process_cpu_seconds_total", "monitor_drift_dataset_drifted process_cpu_seconds_total")]
    public void Metric_names_are_read_from_promql(string expression, string expected) =>
        Assert.Equal(expected.Split(' ').Order(), DeployQueries.MetricNames(expression).Order());
}
