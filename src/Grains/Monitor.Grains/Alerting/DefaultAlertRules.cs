using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Alerting;

/// <summary>
/// The rules Monitor ships, for every version. Each is installed once; it can then be changed,
/// switched off (enabled: false) or deleted, and stays that way. A default whose metric is not in the
/// catalogue (e.g. drift before drift figures exist) is installed once the metric appears.
/// </summary>
public static class DefaultAlertRules
{
    public static IReadOnlyList<AlertRule> All { get; } =
    [
        new AlertRule
        {
            Name = "HighErrorRate",
            Metric = VersionMetricNames.ErrorRate,
            WindowMinutes = 5,
            Comparator = RuleComparator.Greater,
            Threshold = 0.05,
            For = TimeSpan.FromMinutes(2),
            Severity = AlertSeverity.Critical,
            MinSamples = 50,
            Builtin = true,
            Annotations = LabelSet.From(new Dictionary<string, string>
            {
                ["summary"] = "{{ $labels.model }}/{{ $labels.version }}: error rate {{ $value }} above {{ $threshold }} over 5 minutes",
                ["description"] = "More than 5% of predictions failed in the last 5 minutes, for at least 2 minutes.",
            }),
        },
        new AlertRule
        {
            Name = "HighLatencyP95",
            Metric = VersionMetricNames.LatencyP95,
            WindowMinutes = 5,
            Comparator = RuleComparator.Greater,
            Threshold = 500,
            For = TimeSpan.FromMinutes(5),
            Severity = AlertSeverity.Warning,
            MinSamples = 50,
            Builtin = true,
            Annotations = LabelSet.From(new Dictionary<string, string>
            {
                ["summary"] = "{{ $labels.model }}/{{ $labels.version }}: p95 latency {{ $value }} ms above {{ $threshold }} ms",
                ["description"] = "The 95th percentile latency over 5 minutes stayed above 500 ms for 5 minutes.",
            }),
        },
        new AlertRule
        {
            Name = "LowConfidence",
            Metric = VersionMetricNames.LowConfidenceShare,
            WindowMinutes = 15,
            Comparator = RuleComparator.Greater,
            Threshold = 0.3,
            For = TimeSpan.FromMinutes(10),
            Severity = AlertSeverity.Info,
            MinSamples = 100,
            Builtin = true,
            Annotations = LabelSet.From(new Dictionary<string, string>
            {
                ["summary"] = "{{ $labels.model }}/{{ $labels.version }}: {{ $value }} of predictions are low-confidence",
                ["description"] = "More than 30% of predictions over 15 minutes fell below the low-confidence threshold.",
            }),
        },
        new AlertRule
        {
            Name = "DatasetDrift",
            Metric = "drift_detected",
            WindowMinutes = 15,
            Comparator = RuleComparator.GreaterOrEqual,
            Threshold = 1,
            For = TimeSpan.FromMinutes(10),
            Severity = AlertSeverity.Warning,
            MinSamples = 0,
            Builtin = true,
            Annotations = LabelSet.From(new Dictionary<string, string>
            {
                ["summary"] = "{{ $labels.model }}/{{ $labels.version }}: the input distribution drifted from the reference",
                ["description"] = "The dataset-level drift verdict (multiple-testing corrected) held for 10 minutes.",
            }),
        },
    ];

    /// <summary>The defaults whose metric Monitor knows now.</summary>
    public static IEnumerable<AlertRule> Available() => All.Where(r => VersionMetricCatalog.Find(r.Metric) is not null);
}
