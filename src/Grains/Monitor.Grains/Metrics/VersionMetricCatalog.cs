namespace Monitor.Grains.Metrics;

/// <summary>
/// Every metric name alert rules may use: the one list rules are validated against. A part of a
/// version that offers figures through <see cref="IVersionMetrics"/> adds one line here per name
/// (per-feature metrics with <c>PerFeature: true</c>, so rules on them must name a feature).
/// </summary>
public static class VersionMetricCatalog
{
    public static IReadOnlyList<VersionMetricDescriptor> All { get; } =
    [
        new(VersionMetricNames.LatencyP50, "ms", "median latency"),
        new(VersionMetricNames.LatencyP95, "ms", "95th percentile latency"),
        new(VersionMetricNames.LatencyP99, "ms", "99th percentile latency"),
        new(VersionMetricNames.ErrorRate, "fraction", "share of failed predictions"),
        new(VersionMetricNames.SuccessRate, "fraction", "share of successful predictions"),
        new(VersionMetricNames.Throughput, "records/s", "records per second over the window"),
        new(VersionMetricNames.ConfidenceMean, "fraction", "mean confidence"),
        new(VersionMetricNames.LowConfidenceShare, "fraction", "share of predictions below the low-confidence threshold"),
    ];

    public static VersionMetricDescriptor? Find(string name)
    {
        foreach (var metric in All)
        {
            if (metric.Name == name)
            {
                return metric;
            }
        }

        return null;
    }
}

/// <param name="Name">The name rules use.</param>
/// <param name="Unit">What the value is measured in.</param>
/// <param name="Description">One line for documentation and error messages.</param>
/// <param name="PerFeature">True when the figure is per feature (rules must name one).</param>
public sealed record VersionMetricDescriptor(string Name, string Unit, string Description, bool PerFeature = false);
