using System.Globalization;
using Monitor.Grains.Alerting;
using Monitor.Testing.Deploy;
using YamlDotNet.RepresentationModel;

namespace Monitor.Deploy.Tests;

/// <summary>
/// deploy/prometheus/rules/monitor-alerts.yml: promtool accepts it, its promtool unit tests pass (each
/// alert pending, firing, and silent where it must be), and it stays the equivalent of Monitor's default
/// rules: a default rule changed in C# and not here fails.
/// </summary>
public sealed class PrometheusRulesTests
{
    private static readonly string RulesDirectory = DeployFiles.PathOf("deploy/prometheus/rules");

    [Fact]
    public void Promtool_checks_the_rules()
    {
        var (code, output) = DeployFiles.Run("promtool", ["check", "rules", "monitor-alerts.yml"], RulesDirectory);
        Assert.True(code == 0, output);
        Assert.Contains($"SUCCESS: {DefaultAlertRules.All.Count} rules found", output);
    }

    [Fact]
    public void Promtool_unit_tests_of_the_rules_pass()
    {
        var (code, output) = DeployFiles.Run("promtool", ["test", "rules", "monitor-alerts.test.yml"], RulesDirectory);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public void The_unit_tests_cover_every_rule_pending_and_firing()
    {
        var tests = DeployFiles.LoadYaml("deploy/prometheus/rules/monitor-alerts.test.yml");
        var cases = ((YamlSequenceNode)tests["tests"]).Children.Cast<YamlMappingNode>().ToList();
        foreach (var rule in DefaultAlertRules.All)
        {
            var firing = cases.SelectMany(c => c.Children.ContainsKey("alert_rule_test") ? ((YamlSequenceNode)c["alert_rule_test"]).Children.Cast<YamlMappingNode>() : [])
                .Where(t => ((YamlScalarNode)t["alertname"]).Value == rule.Name)
                .ToList();
            Assert.Contains(firing, t => ((YamlSequenceNode)t["exp_alerts"]).Children.Count > 0);
            Assert.Contains(firing, t => ((YamlSequenceNode)t["exp_alerts"]).Children.Count == 0);

            var pending = cases.SelectMany(c => c.Children.ContainsKey("promql_expr_test") ? ((YamlSequenceNode)c["promql_expr_test"]).Children.Cast<YamlMappingNode>() : [])
                .Where(t => ((YamlScalarNode)t["expr"]).Value == $"ALERTS{{alertname=\"{rule.Name}\"}}");
            Assert.Contains(pending, t => ((YamlSequenceNode)t["exp_samples"]).Children.Cast<YamlMappingNode>()
                .Any(s => ((YamlScalarNode)s["labels"]).Value!.Contains("alertstate=\"pending\"", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Every_default_rule_has_its_equivalent_with_the_same_name_threshold_window_for_severity_and_annotations()
    {
        var rules = Rules();
        Assert.Equal(DefaultAlertRules.All.Select(r => r.Name).Order(), rules.Keys.Order());
        foreach (var monitor in DefaultAlertRules.All)
        {
            var rule = rules[monitor.Name];
            var expr = Scalar(rule, "expr");
            var name = monitor.Name;

            Assert.True(Duration(Scalar(rule, "for")) == monitor.For, $"{name}: for {Scalar(rule, "for")}, Monitor's is {monitor.For}");
            var labels = (YamlMappingNode)rule["labels"];
            Assert.Equal(monitor.Severity.Label(), Scalar(labels, "severity"));
            Assert.Equal("{{ $labels.model_version }}", Scalar(labels, "version"));

            var threshold = $"{monitor.Comparator.Symbol()} {monitor.Threshold.ToString(CultureInfo.InvariantCulture)}";
            Assert.True(expr.Contains(threshold, StringComparison.Ordinal), $"{name}: the expression does not compare with '{threshold}': {expr}");
            if (monitor.MinSamples > 0)
            {
                Assert.True(expr.Contains($">= {monitor.MinSamples}", StringComparison.Ordinal), $"{name}: no minimum of {monitor.MinSamples} records: {expr}");
            }

            // Drift figures come from the latest evaluation, not from the rule's window (as in Monitor).
            if (monitor.Metric is not ("drift_detected" or "multivariate_drift_detected"))
            {
                Assert.True(expr.Contains($"[{monitor.WindowMinutes}m]", StringComparison.Ordinal), $"{name}: not over {monitor.WindowMinutes} minutes: {expr}");
            }

            Assert.True(expr.Contains("by (model, model_version", StringComparison.Ordinal), $"{name}: not per model version: {expr}");

            var annotations = (YamlMappingNode)rule["annotations"];
            Assert.Equal(monitor.Annotations.Count, annotations.Children.Count);
            foreach (var (key, text) in monitor.Annotations.Pairs)
            {
                Assert.Equal(AsPrometheusTemplate(text, monitor.Threshold), Scalar(annotations, key));
            }
        }
    }

    /// <summary>
    /// Monitor's annotation template in Prometheus's words: the version label is model_version on the
    /// series, the threshold is written out, the value printed to 4 significant digits.
    /// </summary>
    private static string AsPrometheusTemplate(string text, double threshold) => text
        .Replace("{{ $labels.version }}", "{{ $labels.model_version }}", StringComparison.Ordinal)
        .Replace("{{ $threshold }}", AnnotationTemplate.Format(threshold), StringComparison.Ordinal)
        .Replace("{{ $value }}", "{{ $value | printf \"%.4g\" }}", StringComparison.Ordinal);

    private static Dictionary<string, YamlMappingNode> Rules()
    {
        var file = DeployFiles.LoadYaml(DeployFiles.RulesFile);
        return ((YamlSequenceNode)file["groups"]).Children.Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Children.Cast<YamlMappingNode>())
            .ToDictionary(r => Scalar(r, "alert"), StringComparer.Ordinal);
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static TimeSpan Duration(string text) => text[^1] switch
    {
        's' => TimeSpan.FromSeconds(int.Parse(text[..^1], CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(int.Parse(text[..^1], CultureInfo.InvariantCulture)),
        'h' => TimeSpan.FromHours(int.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"unexpected duration '{text}'"),
    };
}
