using Monitor.Grains.Drift;
using Monitor.Grains.Versions;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Segments;

/// <summary>A segment's summary, time series and health from its buckets.</summary>
public static class SegmentFigures
{
    // Below this success rate (percent) a segment is listed as failing.
    public const double HealthySuccessRate = 95;

    public static SegmentSummary Summary(string model, string version, SegmentName segment, SegmentSeries series, long keyRecords, long fromMs, long nowMs, Outcomes.VersionOutcomes? outcomes = null)
    {
        var total = series.Total(fromMs);
        var seconds = Math.Max(1, (nowMs - fromMs) / 1000.0);
        return new SegmentSummary
        {
            Model = model,
            Version = version,
            Segment = segment.ToString(),
            From = DateTimeOffset.FromUnixTimeMilliseconds(fromMs),
            To = DateTimeOffset.FromUnixTimeMilliseconds(nowMs),
            TotalRequests = total.Count,
            TrafficShare = keyRecords > 0 ? 100.0 * total.Count / keyRecords : null,
            SuccessRate = SuccessRate(total),
            ErrorCount = total.Errors,
            AvgLatencyMs = Finite(total.Latency.Mean),
            P50LatencyMs = Finite(total.Latency.Quantile(0.50)),
            P95LatencyMs = Finite(total.Latency.Quantile(0.95)),
            P99LatencyMs = Finite(total.Latency.Quantile(0.99)),
            MaxLatencyMs = Finite(total.Latency.Max),
            Percentiles = PercentileMethod.Sketch(QuantileSketch.RelativeAccuracy),
            ThroughputPerSecond = total.Count / seconds,
            ConfidenceCount = total.ConfidenceCount,
            MeanConfidence = total.ConfidenceCount > 0 ? total.ConfidenceSum / total.ConfidenceCount : null,
            LowConfidenceShare = total.ConfidenceCount > 0 ? (double)total.LowConfidence / total.ConfidenceCount : null,
            Performance = SegmentPerformanceFigures.Of(total, outcomes),
        };
    }

    /// <summary>Points of <paramref name="stepMs"/> (a multiple of the bucket width), from <paramref name="fromMs"/> to now.</summary>
    public static SegmentTimeSeries TimeSeries(string model, string version, SegmentName segment, SegmentSeries series, long fromMs, long nowMs, long stepMs)
    {
        var points = new List<SegmentPoint>();
        var start = fromMs - (fromMs % stepMs);
        for (var t = start; t <= nowMs; t += stepMs)
        {
            var point = new SegmentBucket(t);
            foreach (var bucket in series.Buckets)
            {
                if (bucket.StartMs >= t && bucket.StartMs < t + stepMs)
                {
                    point.Merge(bucket);
                }
            }

            points.Add(new SegmentPoint
            {
                Time = DateTimeOffset.FromUnixTimeMilliseconds(t),
                Requests = point.Count,
                Errors = point.Errors,
                SuccessRate = SuccessRate(point),
                P95LatencyMs = Finite(point.Latency.Quantile(0.95)),
                MeanConfidence = point.ConfidenceCount > 0 ? point.ConfidenceSum / point.ConfidenceCount : null,
            });
        }

        return new SegmentTimeSeries { Model = model, Version = version, Segment = segment.ToString(), StepSeconds = (int)(stepMs / 1000), Points = points };
    }

    /// <summary>The listing's line: severity 3 drifted, 2 failing, 1 drift not judged (too few records, or capturing), 0 well.</summary>
    public static SegmentHealth Health(SegmentSummary summary, SegmentName segment, VersionDriftReport? drift, bool hasReference)
    {
        var verdict = drift is null ? null : DriftVerdictLine.Of(drift);
        var (severity, status) = (verdict, summary.SuccessRate) switch
        {
            ({ Drifted: true }, _) => (3, "drifted"),
            (_, < HealthySuccessRate) => (2, "failing"),
            (null, _) when hasReference => (1, "capturing_reference"),
            ({ Drifted: null }, _) => (1, "insufficient_data"),
            (null, _) => (0, "no_reference"),
            _ => (0, "ok"),
        };

        return new SegmentHealth
        {
            Segment = segment.ToString(),
            Key = segment.Key,
            Value = segment.Value,
            TotalRequests = summary.TotalRequests,
            TrafficShare = summary.TrafficShare,
            SuccessRate = summary.SuccessRate,
            P95LatencyMs = summary.P95LatencyMs,
            Drift = verdict,
            ReferenceSource = drift?.SegmentReference,
            Severity = severity,
            Status = status,
            Labels = summary.Performance?.Labels ?? 0,
            Accuracy = summary.Performance?.Classification?.Accuracy,
            EstimatedAccuracy = summary.Performance?.Estimated?.Accuracy,
            Mae = summary.Performance?.Regression?.Mae,
        };
    }

    private static double? SuccessRate(SegmentBucket bucket) => bucket.Count > 0 ? 100.0 * (bucket.Count - bucket.Errors) / bucket.Count : null;

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
