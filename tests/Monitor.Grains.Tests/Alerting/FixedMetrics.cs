using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>A metric source whose figures the test sets.</summary>
public sealed class FixedMetrics : IVersionMetrics
{
    public Dictionary<string, VersionMetricValue> Values { get; } = new(StringComparer.Ordinal);

    public bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value) =>
        Values.TryGetValue(query.Feature is null ? query.Metric : $"{query.Metric}:{query.Feature}", out value);

    public FixedMetrics Set(string metric, double value, long samples = 1000)
    {
        Values[metric] = new VersionMetricValue(value, samples);
        return this;
    }
}
