using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Segments;

/// <summary>
/// A version's side of an A/B comparison restricted to one segment, from the segment's merged buckets: traffic,
/// latency (from the sketch), confidence, realized and estimated accuracy and absolute error. Business events are
/// not kept per segment, so their rates compare as insufficient.
/// </summary>
public static class SegmentSampler
{
    private static readonly double[] LatencyQuantiles = [0.50, 0.95, 0.99];

    public static VersionSample Sample(string version, SegmentBucket total, VersionOutcomes outcomes, long fromMs, long nowMs)
    {
        var latency = total.Latency;
        var successes = total.Count - total.Errors;
        var o = total.Outcomes ?? new OutcomeBucket();
        var regression = o.Regression ?? new RegressionErrors();
        var estimate = outcomes.Window.IsRegression ? null : PerformanceEstimator.Estimate(total.Estimates, outcomes.Calibration);
        return new VersionSample
        {
            Version = version,
            From = DateTimeOffset.FromUnixTimeMilliseconds(fromMs),
            To = DateTimeOffset.FromUnixTimeMilliseconds(nowMs),
            Predictions = total.Count,
            Successes = successes,
            Latency = new Moments(latency.Count, latency.Sum, latency.SumOfSquares, latency.SquaredDeviations),
            LatencyQuantiles = [.. LatencyQuantiles.Select(q => VersionSampler.Bracket(q, latency.Count, latency.Quantile))],
            LatencyGroups = VersionSampler.FromSketch(latency, zeros: 0),
            Confidence = new Moments(total.ConfidenceCount, total.ConfidenceSum, total.ConfidenceSquares),
            Kind = outcomes.Window.IsRegression ? "regression" : total.Estimates is not null || o.Classified > 0 ? "classification" : "none",
            Classified = o.Classified,
            Correct = o.Correct,
            AbsoluteError = new Moments(regression.Count, regression.AbsoluteSum, regression.SquaredSum),
            Clicks = 0,
            Conversions = 0,
            Revenue = Moments.Empty,
            RevenueGroups = VersionSampler.Group([], zeros: 0),
            EstimatedScores = estimate?.Scores ?? Moments.Empty,
        };
    }
}
