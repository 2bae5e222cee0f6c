using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Segments;

/// <summary>
/// A version's figures per segment for rules scoped per segment: drift from the segments' latest timer
/// evaluation, traffic, errors, latency and confidence from the segment's buckets over the rule's window.
/// </summary>
public sealed class SegmentMetrics(SegmentsPart segments) : ISegmentMetrics
{
    public IReadOnlyList<string> Segments => [.. segments.Segments().Select(s => s.ToString())];

    public bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value)
    {
        value = default;
        if (query.Segment is null || !SegmentMetricNames.All.Contains(query.Metric))
        {
            return false;
        }

        if (SegmentName.Parse(query.Segment) is not { } segment || segments.Check(segment) is not null)
        {
            value = new VersionMetricValue(double.NaN, 0);
            return true;
        }

        value = query.Metric switch
        {
            DriftMetricNames.DriftDetected or DriftMetricNames.DriftInsufficientData or DriftMetricNames.DriftedFeatureShare => Drift(query.Metric, query.Segment),
            _ => Window(query, segment, nowMs),
        };
        return true;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Explain(VersionMetricQuery query)
    {
        if (query.Segment is null || !segments.Reports.TryGetValue(query.Segment, out var report))
        {
            return [];
        }

        var drifted = report.Features.Where(f => f.Verdict?.Drifted == true).Select(f => f.Name).ToList();
        return drifted.Count == 0 ? [] : [new("drifted_features", string.Join(", ", drifted))];
    }

    private VersionMetricValue Drift(string metric, string segment)
    {
        if (!segments.Reports.TryGetValue(segment, out var report))
        {
            return new VersionMetricValue(double.NaN, 0);
        }

        var dataset = report.Dataset;
        var n = report.WindowRecords;
        return metric switch
        {
            DriftMetricNames.DriftDetected => new(dataset.Drifted switch { true => 1, false => 0, null => double.NaN }, n),
            DriftMetricNames.DriftInsufficientData => new(dataset.Drifted is null ? 1 : 0, n),
            _ => new(dataset.FeaturesTested == 0 ? double.NaN : (double)dataset.FeaturesDrifted / dataset.FeaturesTested, n),
        };
    }

    private VersionMetricValue Window(VersionMetricQuery query, SegmentName segment, long nowMs)
    {
        var summary = segments.Summary(segment, Math.Max(1, (int)Math.Ceiling(query.Window.TotalMinutes)));
        var n = summary.TotalRequests;
        double Of(double? figure) => figure ?? double.NaN;
        return query.Metric switch
        {
            VersionMetricNames.LatencyP50 => new(Of(summary.P50LatencyMs), n),
            VersionMetricNames.LatencyP95 => new(Of(summary.P95LatencyMs), n),
            VersionMetricNames.LatencyP99 => new(Of(summary.P99LatencyMs), n),
            VersionMetricNames.ErrorRate => new(n == 0 ? double.NaN : (double)summary.ErrorCount / n, n),
            VersionMetricNames.SuccessRate => new(n == 0 ? double.NaN : (double)(n - summary.ErrorCount) / n, n),
            VersionMetricNames.Throughput => new(n / Math.Max(1.0, query.Window.TotalSeconds), n),
            VersionMetricNames.ConfidenceMean => new(Of(summary.MeanConfidence), summary.ConfidenceCount),
            _ => new(Of(summary.LowConfidenceShare), summary.ConfidenceCount),
        };
    }
}
