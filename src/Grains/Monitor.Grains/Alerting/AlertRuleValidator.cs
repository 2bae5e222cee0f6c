using System.Text.RegularExpressions;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Trends;

namespace Monitor.Grains.Alerting;

/// <summary>What makes a rule valid; the first problem found, naming the field.</summary>
public static partial class AlertRuleValidator
{
    public const int MaxWindowMinutes = 24 * 60;

    /// <summary>Labels Monitor sets itself; rules cannot override them.</summary>
    public static IReadOnlyList<string> ReservedLabels { get; } = ["alertname", "model", "version", "severity", "feature", "segment"];

    public static FieldProblem? Validate(AlertRule rule)
    {
        if (!IsName(rule.Name) || rule.Name.Length > 100)
        {
            return new("name", $"must be 1-100 letters, digits or '_' and not start with a digit (Prometheus alertname), got '{rule.Name}'");
        }

        if (rule.Model is not null && !IsKeyPart(rule.Model))
        {
            return new("model", "must be a non-empty model name without '/'");
        }

        if (rule.Version is not null && (rule.Model is null || !IsKeyPart(rule.Version)))
        {
            return new("version", rule.Model is null ? "needs a model: a version scope is model + version" : "must be a non-empty version without '/'");
        }

        if (TrendRuleMetric.Check(rule.Metric, out var metric) is { } trendProblem)
        {
            return trendProblem;
        }

        metric ??= VersionMetricCatalog.Find(rule.Metric);
        if (metric is null)
        {
            return new("metric", $"unknown metric '{rule.Metric}'; known: {string.Join(", ", VersionMetricCatalog.All.Select(m => m.Name))}");
        }

        if (metric.PerFeature && string.IsNullOrEmpty(rule.Feature))
        {
            return new("feature", $"metric '{rule.Metric}' is per feature: name the feature");
        }

        if (!metric.PerFeature && rule.Feature is not null)
        {
            return new("feature", $"metric '{rule.Metric}' is not per feature: leave feature out");
        }

        if (rule.Segment is not null && SegmentScopeProblem(rule) is { } segmentProblem)
        {
            return segmentProblem;
        }

        if (rule.WindowMinutes is < 1 or > MaxWindowMinutes)
        {
            return new("window_minutes", $"must be from 1 to {MaxWindowMinutes}, got {rule.WindowMinutes}");
        }

        if (!double.IsFinite(rule.Threshold))
        {
            return new("threshold", "must be a finite number");
        }

        if (rule.For < TimeSpan.Zero || rule.For > TimeSpan.FromDays(1))
        {
            return new("for", "must be from 0s to 24h");
        }

        if (rule.KeepFiringFor < TimeSpan.Zero || rule.KeepFiringFor > TimeSpan.FromDays(1))
        {
            return new("keep_firing_for", "must be from 0s to 24h");
        }

        if (rule.MinSamples < 0)
        {
            return new("min_samples", "must be 0 or more");
        }

        foreach (var (name, _) in rule.Labels.Pairs)
        {
            if (!IsName(name))
            {
                return new($"labels.{name}", "label names are letters, digits and '_', not starting with a digit");
            }

            if (ReservedLabels.Contains(name))
            {
                return new($"labels.{name}", $"is set by Monitor; reserved: {string.Join(", ", ReservedLabels)}");
            }
        }

        foreach (var (name, _) in rule.Annotations.Pairs)
        {
            if (!IsName(name))
            {
                return new($"annotations.{name}", "annotation names are letters, digits and '_', not starting with a digit");
            }
        }

        if (rule.Action is not null && !IsChannelName(rule.Action))
        {
            return new("action", "must name a webhook channel");
        }

        return null;
    }

    public static bool IsName(string? name) => name is { Length: > 0 } && NamePattern().IsMatch(name);

    public static bool IsChannelName(string? name) => name is { Length: > 0 and <= 64 } && ChannelPattern().IsMatch(name);

    private static bool IsKeyPart(string value) => value.Length > 0 && !value.Contains('/', StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex ChannelPattern();

    private static FieldProblem? SegmentScopeProblem(AlertRule rule)
    {
        var scope = rule.Segment!;
        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        if (scope.Length is 0 or > 300 || colon == 0 || colon == scope.Length - 1 || scope.Any(char.IsControl))
        {
            return new("segment", $"must be a segment key (\"country\": one alert per segment of the key) or one segment (\"country:DE\"), got '{scope}'");
        }

        return SegmentMetricNames.All.Contains(rule.Metric)
            ? null
            : new("segment", $"metric '{rule.Metric}' is not kept per segment; a rule scoped per segment uses one of {string.Join(", ", SegmentMetricNames.All)}");
    }
}
