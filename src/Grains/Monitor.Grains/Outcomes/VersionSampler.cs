using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Windows;
using Monitor.Statistics;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// A version's side of an A/B comparison over the last N minutes: counts and moments from its
/// buckets, latency quantiles with their standard-error brackets, and grouped samples for rank tests
/// (every raw value while the period is still held raw, the sketch's bins otherwise).
/// </summary>
public static class VersionSampler
{
    private static readonly double[] LatencyQuantiles = [0.50, 0.95, 0.99];

    /// <summary>Latency moments whose variance is exact: two passes over the raw values while held, else the sketch's tracked deviations.</summary>
    private static Moments LatencyMoments(QuantileSketch sketch, double[]? raw)
    {
        if (raw is { Length: > 0 } values && values.Length == sketch.Count)
        {
            var moments = SampleMoments.Of(values);
            return new Moments(sketch.Count, sketch.Sum, sketch.SumOfSquares, moments.Variance(0) * moments.Count);
        }

        return new Moments(sketch.Count, sketch.Sum, sketch.SumOfSquares, sketch.SquaredDeviations);
    }

    public static VersionSample Sample(string version, VersionOutcomes outcomes, int minutes, long nowMs)
    {
        var window = outcomes.Window;
        var (fromMs, toMs) = window.Period(minutes, nowMs);
        var total = window.Aggregate(fromMs, toMs, nowMs);
        var exact = window.TryExactLatencies(fromMs, toMs, nowMs, total, out var sorted, out _);
        return Sample(version, outcomes, total, fromMs, toMs, nowMs, exact ? sorted : null);
    }

    /// <summary>A version's side of a comparison from figures already merged (a review's period from the hourly history): sketch latencies.</summary>
    public static VersionSample Sample(string version, VersionOutcomes outcomes, MetricBucket total, long fromMs, long nowMs) =>
        Sample(version, outcomes, total, fromMs, nowMs, nowMs, sorted: null);

    private static VersionSample Sample(string version, VersionOutcomes outcomes, MetricBucket total, long fromMs, long toMs, long nowMs, double[]? sorted)
    {
        var window = outcomes.Window;
        var successes = total.Count - total.Errors;
        var latency = total.Latency;
        Func<double, double> quantile = sorted is not null ? q => LinearQuantile.OfSorted(sorted, q) : latency.Quantile;
        var brackets = LatencyQuantiles.Select(q => Bracket(q, total.Count, quantile)).ToArray();

        var o = total.Outcomes ?? new OutcomeBucket();
        var events = o.Events ?? new EventTally();
        var regression = o.Regression ?? new RegressionErrors();
        var revenueEvents = events.Counted(EventTally.RevenueId);
        var estimate = window.IsRegression ? null : PerformanceEstimator.Estimate(total.Estimates, outcomes.Calibration);
        return new VersionSample
        {
            Version = version,
            From = DateTimeOffset.FromUnixTimeMilliseconds(fromMs),
            To = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(toMs, nowMs)),
            Predictions = total.Count,
            Successes = successes,
            Latency = LatencyMoments(latency, sorted),
            LatencyQuantiles = brackets,
            LatencyGroups = sorted is not null ? Group(sorted, zeros: 0) : FromSketch(latency, zeros: 0),
            Confidence = new Moments(total.Confidence.Count, total.Confidence.Sum, total.Confidence.SumOfSquares),
            Kind = window.IsRegression ? "regression" : total.Predictions.Count > 0 || o.Classified > 0 ? "classification" : "none",
            Classified = o.Classified,
            Correct = o.Correct,
            AbsoluteError = new Moments(regression.Count, regression.AbsoluteSum, regression.SquaredSum),
            Clicks = events.Counted(EventTally.ClickId),
            Conversions = events.Counted(EventTally.ConversionId),
            Revenue = new Moments(successes, events.ValueSum(EventTally.RevenueId), events.ValueSquares(EventTally.RevenueId)),
            RevenueGroups = RevenueGroups(outcomes.Ledger.Revenue, events, fromMs, toMs, Math.Max(0, successes - revenueEvents)),
            EstimatedScores = estimate?.Scores ?? Moments.Empty,
            Estimate = estimate is null ? null : Status(estimate, o, outcomes.Calibration),
        };
    }

    private static EstimateStatus Status(PerformanceEstimate estimate, OutcomeBucket realized, ReferenceCalibration? calibration)
    {
        var verdict = EstimateJudgement.Judge(estimate, realized, calibration);
        var accuracy = verdict.Metrics[0];
        return new EstimateStatus
        {
            Uncalibrated = calibration is null,
            Accuracy = accuracy.Estimate,
            Lower = accuracy.Lower,
            Upper = accuracy.Upper,
            Realized = accuracy.Realized,
            EstimateContradicted = verdict.Contradicted,
            Note = verdict.Note,
        };
    }

    /// <summary>
    /// The quantile with the values at q ∓ z·√(q(1−q)/n): the distribution-free confidence limits of a
    /// quantile, whose spread divided by 2z estimates its standard error (Price and Bonett).
    /// </summary>
    public static QuantileBracket Bracket(double q, long n, Func<double, double> quantile)
    {
        if (n == 0)
        {
            return new QuantileBracket(q, double.NaN, double.NaN, double.NaN);
        }

        var half = TwoProportionZTest.Z975 * Math.Sqrt(q * (1 - q) / n);
        return new QuantileBracket(q, quantile(q), quantile(Math.Max(0, q - half)), quantile(Math.Min(1, q + half)));
    }

    /// <summary>Sorted values as distinct values with counts, plus a number of zeros.</summary>
    public static GroupedSample Group(IReadOnlyList<double> sorted, long zeros)
    {
        var values = new List<double>();
        var counts = new List<long>();
        var zerosPlaced = zeros == 0;
        foreach (var v in sorted)
        {
            if (!zerosPlaced && v >= 0)
            {
                Append(values, counts, 0, zeros);
                zerosPlaced = true;
            }

            Append(values, counts, v, 1);
        }

        if (!zerosPlaced)
        {
            Append(values, counts, 0, zeros);
        }

        return new GroupedSample([.. values], [.. counts], Exact: true);
    }

    public static GroupedSample FromSketch(QuantileSketch sketch, long zeros)
    {
        var (values, counts) = sketch.Groups();
        if (zeros == 0)
        {
            return new GroupedSample(values, counts, Exact: false);
        }

        var merged = new List<double>(values.Length + 1);
        var mergedCounts = new List<long>(values.Length + 1);
        var placed = false;
        for (var i = 0; i < values.Length; i++)
        {
            if (!placed && values[i] >= 0)
            {
                Append(merged, mergedCounts, 0, zeros);
                placed = true;
            }

            Append(merged, mergedCounts, values[i], counts[i]);
        }

        if (!placed)
        {
            Append(merged, mergedCounts, 0, zeros);
        }

        return new GroupedSample([.. merged], [.. mergedCounts], Exact: false);
    }

    private static GroupedSample RevenueGroups(TimedValueRing ring, EventTally events, long fromMs, long toMs, long zeros)
    {
        if (ring.HoldsEverythingSince(fromMs))
        {
            var values = ring.Select(fromMs, toMs);
            values.Sort();
            return Group(values, zeros);
        }

        return events.RevenueAmounts is { } sketch ? FromSketch(sketch, zeros) : Group([], zeros);
    }

    private static void Append(List<double> values, List<long> counts, double value, long count)
    {
        if (count <= 0)
        {
            return;
        }

        if (values.Count > 0 && values[^1] == value)
        {
            counts[^1] += count;
            return;
        }

        values.Add(value);
        counts.Add(count);
    }
}
