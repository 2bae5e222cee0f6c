using Monitor.Grains.Windows;

namespace Monitor.Grains.RuleInputs;

/// <summary>Latency, error, throughput and confidence figures from a version's time buckets.</summary>
public sealed class WindowMetrics(Func<VersionWindow> window) : IVersionMetrics
{
    // Rules of one evaluation share the time and mostly the window: the merged buckets are reused.
    private (VersionWindow Window, long FromMs, long NowMs, long Records, MetricBucket Total)? _last;

    public bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value)
    {
        value = default;
        if (!IsKnown(query.Metric))
        {
            return false;
        }

        var fromMs = nowMs - (long)query.Window.TotalMilliseconds;
        var current = window();
        MetricBucket total;
        if (_last is { } last && ReferenceEquals(last.Window, current) && last.FromMs == fromMs && last.NowMs == nowMs && last.Records == current.TotalRecords)
        {
            total = last.Total;
        }
        else
        {
            total = current.Aggregate(fromMs, nowMs + 1, nowMs);
            _last = (current, fromMs, nowMs, current.TotalRecords, total);
        }

        var n = total.Count;
        value = query.Metric switch
        {
            VersionMetricNames.LatencyP50 => new(total.Latency.Quantile(0.50), n),
            VersionMetricNames.LatencyP95 => new(total.Latency.Quantile(0.95), n),
            VersionMetricNames.LatencyP99 => new(total.Latency.Quantile(0.99), n),
            VersionMetricNames.ErrorRate => new(n == 0 ? double.NaN : (double)total.Errors / n, n),
            VersionMetricNames.SuccessRate => new(n == 0 ? double.NaN : (double)(n - total.Errors) / n, n),
            VersionMetricNames.Throughput => new(n / Math.Max(1.0, query.Window.TotalSeconds), n),
            VersionMetricNames.ConfidenceMean => new(total.Confidence.Mean, total.Confidence.Count),
            _ => new(
                total.Confidence.Count == 0 ? double.NaN : (double)total.Confidence.CountBelow(window().LowConfidenceThreshold) / total.Confidence.Count,
                total.Confidence.Count),
        };
        return true;
    }

    private static bool IsKnown(string metric)
    {
        foreach (var name in VersionMetricNames.Window)
        {
            if (name == metric)
            {
                return true;
            }
        }

        return false;
    }
}
