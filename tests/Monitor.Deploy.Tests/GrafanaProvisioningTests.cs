using System.Text.Json;
using Monitor.Testing.Deploy;
using YamlDotNet.RepresentationModel;

namespace Monitor.Deploy.Tests;

/// <summary>
/// Grafana's provisioning: the data source, the dashboard provider and deploy/grafana/dashboards/monitor.json.
/// The JSON parses, has the main panels, every query parses as PromQL (promtool) and filters by the
/// dashboard's model and version variables where its family has them, every data source reference is the
/// provisioned one, panels do not overlap, and docker-compose.yml mounts these files where the
/// provisioning looks for them. (That the families exist is checked against a real gateway in
/// Monitor.Gateway.FunctionalTests' DeployMetricFamiliesTests.)
/// </summary>
public sealed class GrafanaProvisioningTests
{
    private static readonly string[] MainPanels =
    [
        "Throughput", "Success rate", "Error rate", "Latency p50 / p95 / p99", "Mean confidence", "Low-confidence share",
        "Dataset drift verdict", "Feature drift p-values", "Output drift p-values", "Data quality",
        "Accuracy: realized and estimated", "Label coverage and calibration error", "Labels by join outcome", "Click-through and conversion",
        "Revenue per prediction", "Ingest: records accepted and rejected", "Notifications", "Memory", "CPU",
    ];

    // Families labelled by model and model_version: their panels follow the dashboard's variables.
    private static readonly string[] VersionFamilies =
    [
        "predictions_total", "prediction_latency_seconds", "model_confidence", "monitor_drift_", "monitor_data_quality_", "ALERTS",
        "monitor_accuracy_", "monitor_estimated_accuracy_", "monitor_label", "monitor_calibration_error_", "monitor_click_through_",
        "monitor_conversion_", "monitor_revenue",
    ];

    private static readonly JsonElement Dashboard = DeployQueries.Dashboard();

    [Fact]
    public void The_dashboard_has_the_main_panels_and_is_templated_by_model_and_version()
    {
        Assert.Equal("monitor", Dashboard.GetProperty("uid").GetString());
        var titles = DeployQueries.Panels(Dashboard).Select(p => p.GetProperty("title").GetString()).ToHashSet();
        Assert.All(MainPanels, title => Assert.Contains(title, titles));

        var variables = Dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal(["model", "model_version"], variables.Keys.Order());
        Assert.Equal("label_values(predictions_total, model)", variables["model"].GetProperty("query").GetProperty("query").GetString());
        Assert.Equal("label_values(predictions_total{model=~\"$model\"}, model_version)", variables["model_version"].GetProperty("query").GetProperty("query").GetString());
        Assert.All(variables.Values, v =>
        {
            Assert.True(v.GetProperty("multi").GetBoolean());
            Assert.True(v.GetProperty("includeAll").GetBoolean());
            Assert.Equal(".*", v.GetProperty("allValue").GetString());
        });

        foreach (var query in DeployQueries.DashboardQueries())
        {
            if (VersionFamilies.Any(f => DeployQueries.MetricNames(query.Expression).Any(n => n.StartsWith(f, StringComparison.Ordinal))))
            {
                Assert.True(
                    query.Expression.Contains("model=~\"$model\"", StringComparison.Ordinal) && query.Expression.Contains("model_version=~\"$model_version\"", StringComparison.Ordinal),
                    $"{query.Source} ignores the model or version variable: {query.Expression}");
            }
        }
    }

    [Fact]
    public void Every_query_parses_as_promql()
    {
        // promtool has no offline query parser, but checking rules parses each rule's expression.
        var queries = DeployQueries.DashboardQueries().ToList();
        Assert.True(queries.Count >= MainPanels.Length);
        var directory = Directory.CreateTempSubdirectory("monitor-grafana-");
        try
        {
            var file = Path.Combine(directory.FullName, "panels.yml");
            var lines = new List<string> { "groups:", "  - name: grafana-panels", "    rules:" };
            for (var i = 0; i < queries.Count; i++)
            {
                lines.Add($"      - record: grafana_panel_query_{i}");
                lines.Add($"        expr: {JsonSerializer.Serialize(DeployQueries.Resolve(queries[i].Expression))}");
            }

            File.WriteAllLines(file, lines);
            var (code, output) = DeployFiles.Run("promtool", ["check", "rules", file]);
            Assert.True(code == 0, output + Environment.NewLine + string.Join(Environment.NewLine, queries.Select((q, i) => $"grafana_panel_query_{i}: {q.Source}")));
            Assert.Contains($"SUCCESS: {queries.Count} rules found", output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_data_source_reference_is_the_provisioned_prometheus()
    {
        var datasources = ((YamlSequenceNode)DeployFiles.LoadYaml("deploy/grafana/provisioning/datasources/prometheus.yml")["datasources"]).Children.Cast<YamlMappingNode>();
        var prometheus = datasources.Single(d => Scalar(d, "type") == "prometheus");
        var uid = Scalar(prometheus, "uid");
        Assert.Equal("http://prometheus:9090", Scalar(prometheus, "url"));
        Assert.True(Services().Children.ContainsKey(new YamlScalarNode("prometheus")));

        var references = new List<(string Where, JsonElement Datasource)>();
        foreach (var panel in DeployQueries.Panels(Dashboard))
        {
            var title = panel.GetProperty("title").GetString()!;
            references.Add((title, panel.GetProperty("datasource")));
            references.AddRange(panel.GetProperty("targets").EnumerateArray().Select(t => ($"{title} {t.GetProperty("refId").GetString()}", t.GetProperty("datasource"))));
        }

        references.AddRange(Dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => ($"${v.GetProperty("name").GetString()}", v.GetProperty("datasource"))));
        Assert.All(references, r =>
        {
            Assert.True(r.Datasource.GetProperty("uid").GetString() == uid, $"{r.Where} uses data source {r.Datasource}, not {uid}");
            Assert.Equal("prometheus", r.Datasource.GetProperty("type").GetString());
        });
    }

    [Fact]
    public void Panels_fit_the_grid_without_overlapping()
    {
        var boxes = Dashboard.GetProperty("panels").EnumerateArray()
            .Select(p => (Title: p.GetProperty("title").GetString(), Grid: p.GetProperty("gridPos")))
            .Select(p => (p.Title, X: p.Grid.GetProperty("x").GetInt32(), Y: p.Grid.GetProperty("y").GetInt32(), W: p.Grid.GetProperty("w").GetInt32(), H: p.Grid.GetProperty("h").GetInt32()))
            .ToList();
        Assert.All(boxes, b => Assert.True(b.X >= 0 && b.W > 0 && b.X + b.W <= 24 && b.H > 0, $"{b.Title} is outside the 24-column grid"));
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"'{a.Title}' and '{b.Title}' overlap");
            }
        }

        var ids = DeployQueries.Panels(Dashboard).Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Compose_mounts_the_provisioning_and_the_dashboards_where_grafana_looks_for_them()
    {
        var mounts = ((YamlSequenceNode)((YamlMappingNode)Services()["grafana"])["volumes"]).Children
            .Select(v => ((YamlScalarNode)v).Value!)
            .Where(v => v.StartsWith("./", StringComparison.Ordinal))
            .Select(v => v.Split(':'))
            .ToDictionary(p => p[0][2..], p => p[1]);
        Assert.Equal("/etc/grafana/provisioning", mounts["deploy/grafana/provisioning"]);
        Assert.True(File.Exists(DeployFiles.PathOf("deploy/grafana/provisioning/datasources/prometheus.yml")));
        Assert.True(File.Exists(DeployFiles.PathOf("deploy/grafana/provisioning/dashboards/monitor.yml")));

        var provider = ((YamlSequenceNode)DeployFiles.LoadYaml("deploy/grafana/provisioning/dashboards/monitor.yml")["providers"]).Children.Cast<YamlMappingNode>().Single();
        Assert.Equal("file", Scalar(provider, "type"));
        Assert.Equal(mounts["deploy/grafana/dashboards"], Scalar((YamlMappingNode)provider["options"], "path"));
        Assert.True(File.Exists(DeployFiles.PathOf(DeployFiles.DashboardFile)));
    }

    private static YamlMappingNode Services() => (YamlMappingNode)DeployFiles.LoadYaml("docker-compose.yml")["services"];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
