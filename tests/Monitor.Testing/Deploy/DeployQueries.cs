using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Monitor.Testing.Deploy;

/// <summary>A PromQL expression of the deployment and where it comes from (a dashboard panel or an alert rule).</summary>
public sealed record DeployQuery(string Source, string Expression);

/// <summary>
/// The PromQL of the Grafana dashboard and of the Prometheus alert rules, and the metric names each
/// one reads, to be checked against what Monitor's /metrics exports.
/// </summary>
public static partial class DeployQueries
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2",
    };

    public static JsonElement Dashboard()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(DeployFiles.PathOf(DeployFiles.DashboardFile)));
        return json.RootElement.Clone();
    }

    /// <summary>Every panel of the dashboard that is not a row, rows' nested panels included.</summary>
    public static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            if (panel.GetProperty("type").GetString() == "row")
            {
                if (panel.TryGetProperty("panels", out var nested))
                {
                    foreach (var inner in nested.EnumerateArray())
                    {
                        yield return inner;
                    }
                }

                continue;
            }

            yield return panel;
        }
    }

    public static IEnumerable<DeployQuery> DashboardQueries()
    {
        foreach (var panel in Panels(Dashboard()))
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                yield return new($"panel '{panel.GetProperty("title").GetString()}' {target.GetProperty("refId").GetString()}", target.GetProperty("expr").GetString()!);
            }
        }
    }

    public static IEnumerable<DeployQuery> RuleQueries()
    {
        var rules = DeployFiles.LoadYaml(DeployFiles.RulesFile);
        foreach (var group in ((YamlSequenceNode)rules["groups"]).Children.Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Children.Cast<YamlMappingNode>())
            {
                yield return new($"rule {((YamlScalarNode)rule["alert"]).Value}", ((YamlScalarNode)rule["expr"]).Value!);
            }
        }
    }

    /// <summary>
    /// The expression as Prometheus would see it from Grafana: the dashboard's variables replaced by
    /// what "All" and the rate interval become.
    /// </summary>
    public static string Resolve(string expression) => expression
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$model_version", ".*", StringComparison.Ordinal)
        .Replace("$model", ".*", StringComparison.Ordinal);

    /// <summary>The metric names an expression selects (not functions, keywords, labels or durations).</summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, "\"\"");
        text = Matchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match token in Identifier().Matches(text))
        {
            var before = token.Index == 0 ? ' ' : text[token.Index - 1];
            if (char.IsLetterOrDigit(before) || before is '.' or '$' || Keywords.Contains(token.Value))
            {
                continue;
            }

            var rest = text.AsSpan(token.Index + token.Length).TrimStart();
            if (rest.Length > 0 && rest[0] == '(')
            {
                continue;
            }

            names.Add(token.Value);
        }

        return names;
    }

    /// <summary>The metric families of a text exposition, by name, with their types.</summary>
    public static Dictionary<string, string> Families(string exposition)
    {
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                families[parts[2]] = parts[3];
            }
        }

        return families;
    }

    /// <summary>True when a metric name is a family of the exposition or a series of one (_bucket, _count, _sum).</summary>
    public static bool IsExported(string name, IReadOnlyDictionary<string, string> families)
    {
        if (families.ContainsKey(name))
        {
            return true;
        }

        foreach (var suffix in new[] { "_bucket", "_count", "_sum" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal)
                && families.TryGetValue(name[..^suffix.Length], out var type)
                && (type == "histogram" || (type == "summary" && suffix != "_bucket")))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();
}
