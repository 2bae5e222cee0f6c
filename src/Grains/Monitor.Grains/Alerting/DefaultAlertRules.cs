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
        Builtin(
            "HighErrorRate", VersionMetricNames.ErrorRate, windowMinutes: 5, RuleComparator.Greater, threshold: 0.05, forMinutes: 2, AlertSeverity.Critical, minSamples: 50,
            "{{ $labels.model }}/{{ $labels.version }}: error rate {{ $value }} above {{ $threshold }} over 5 minutes",
            "More than 5% of predictions failed in the last 5 minutes, for at least 2 minutes."),
        Builtin(
            "HighLatencyP95", VersionMetricNames.LatencyP95, windowMinutes: 5, RuleComparator.Greater, threshold: 500, forMinutes: 5, AlertSeverity.Warning, minSamples: 50,
            "{{ $labels.model }}/{{ $labels.version }}: p95 latency {{ $value }} ms above {{ $threshold }} ms",
            "The 95th percentile latency over 5 minutes stayed above 500 ms for 5 minutes."),
        Builtin(
            "LowConfidence", VersionMetricNames.LowConfidenceShare, windowMinutes: 15, RuleComparator.Greater, threshold: 0.3, forMinutes: 10, AlertSeverity.Info, minSamples: 100,
            "{{ $labels.model }}/{{ $labels.version }}: {{ $value }} of predictions are low-confidence",
            "More than 30% of predictions over 15 minutes fell below the low-confidence threshold."),
        Builtin(
            "DatasetDrift", "drift_detected", windowMinutes: 15, RuleComparator.GreaterOrEqual, threshold: 1, forMinutes: 10, AlertSeverity.Warning, minSamples: 0,
            "{{ $labels.model }}/{{ $labels.version }}: the input distribution drifted from the reference",
            "The dataset-level drift verdict (multiple-testing corrected) held for 10 minutes."),
        Builtin(
            "MultivariateDrift", DriftMetricNames.MultivariateDriftDetected, windowMinutes: 15, RuleComparator.GreaterOrEqual, threshold: 1, forMinutes: 10, AlertSeverity.Warning, minSamples: 0,
            "{{ $labels.model }}/{{ $labels.version }}: how the inputs move together drifted from the reference",
            "The PCA reconstruction error of the recent records stayed outside the reference's bounds for 10 minutes (multivariate drift)."),
    ];

    /// <summary>The defaults whose metric Monitor knows now.</summary>
    public static IEnumerable<AlertRule> Available() => All.Where(r => VersionMetricCatalog.Find(r.Metric) is not null);

    private static AlertRule Builtin(
        string name, string metric, int windowMinutes, RuleComparator comparator, double threshold, int forMinutes, AlertSeverity severity, long minSamples, string summary, string description) => new()
        {
            Name = name,
            Metric = metric,
            WindowMinutes = windowMinutes,
            Comparator = comparator,
            Threshold = threshold,
            For = TimeSpan.FromMinutes(forMinutes),
            Severity = severity,
            MinSamples = minSamples,
            Builtin = true,
            Annotations = LabelSet.From(new Dictionary<string, string> { ["summary"] = summary, ["description"] = description }),
        };
}
