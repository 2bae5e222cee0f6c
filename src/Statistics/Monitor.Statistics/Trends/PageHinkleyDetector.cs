namespace Monitor.Statistics.Trends;

/// <summary>
/// Page-Hinkley's test for a change in a series' mean, two-sided, on robustly standardized values.
/// </summary>
/// <remarks>
/// The detector looks back over a whole window (rules run it on their window at each evaluation). The first
/// <see cref="PageHinkleyOptions.Warmup"/> points fix a reference level, their median, and a scale (see
/// <see cref="Reference"/>; a tiny floor when the series is constant). Each point becomes z = (x − median) / scale, clipped to ±Clip, so a single outlier cannot raise an alarm
/// alone. With z̄ₜ the running mean of z (warm-up included), the test keeps
/// Uₜ = max(0, Uₜ₋₁ + zₜ − z̄ₜ − δ) for a rise and Dₜ = max(0, Dₜ₋₁ + z̄ₜ − zₜ − δ) for a fall, and raises an alarm
/// when either passes λ. The change is dated where that sum last left zero. The test then starts again from the
/// change, with a new warm-up on the new level, so a series with several shifts reports each.
/// It detects sustained shifts of the level (steps, and ramps once they have moved far enough); it is not meant for
/// single spikes (threshold rules are) nor for changes of variance alone. Its false alarms assume points that are
/// independent: positively autocorrelated series raise more (measured in docs/trends.md).
/// </remarks>
public sealed class PageHinkleyDetector(PageHinkleyOptions options)
{
    public const string Name = "page_hinkley";

    public PageHinkleyOptions Options => options;

    /// <summary>Every change point of the series' finite values, oldest first.</summary>
    public IReadOnlyList<ChangePoint> Detect(IReadOnlyList<SeriesPoint> points)
    {
        var (times, values) = Finite(points);
        var found = new List<ChangePoint>();
        var start = 0;
        while (values.Length - start > options.Warmup && Next(times, values, start) is { } change)
        {
            found.Add(change);
            start = change.Index;
        }

        return found;
    }

    private ChangePoint? Next(long[] times, double[] values, int start)
    {
        var warmupEnd = start + options.Warmup;
        var (location, scale) = Reference(values.AsSpan(start, options.Warmup), values.AsSpan(start));
        double mean = 0;
        var count = 0;
        for (var i = start; i < warmupEnd; i++)
        {
            mean += (Standardize(values[i], location, scale) - mean) / ++count;
        }

        double up = 0, down = 0;
        int upFrom = -1, downFrom = -1;
        for (var t = warmupEnd; t < values.Length; t++)
        {
            var z = Standardize(values[t], location, scale);
            mean += (z - mean) / ++count;
            (up, upFrom) = Accumulate(up, upFrom, z - mean - options.Delta, t);
            (down, downFrom) = Accumulate(down, downFrom, mean - z - options.Delta, t);
            if (up <= options.Lambda && down <= options.Lambda)
            {
                continue;
            }

            var direction = up >= down ? ChangeDirection.Up : ChangeDirection.Down;
            var onset = direction == ChangeDirection.Up ? upFrom : downFrom;
            return new ChangePoint(onset, times[onset], times[t], direction, Mean(values, start, onset), Mean(values, onset, t + 1));
        }

        return null;
    }

    private static (double Sum, int From) Accumulate(double sum, int from, double increment, int t)
    {
        var next = sum + increment;
        return next <= 0 ? (0, -1) : (next, sum == 0 ? t : from);
    }

    private double Standardize(double x, double location, double scale) => Math.Clamp((x - location) / scale, -options.Clip, options.Clip);

    /// <summary>
    /// The warm-up's median, and the largest of three estimates of the noise's scale: the warm-up's robust scale
    /// and its standard deviation, and the spread of successive differences over the whole segment. Twenty points
    /// give a noisy scale, and one that comes out low makes every later point look far off (measured: several times the
    /// false alarms in 60-point windows); differences see every point of the segment, and a step in the level moves only one of them.
    /// </summary>
    private static (double Location, double Scale) Reference(ReadOnlySpan<double> warmup, ReadOnlySpan<double> segment)
    {
        var sorted = warmup.ToArray();
        Array.Sort(sorted);
        var median = MedianOfSorted(sorted);
        var deviations = new double[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            deviations[i] = Math.Abs(sorted[i] - median);
        }

        Array.Sort(deviations);
        var differences = new double[segment.Length - 1];
        for (var i = 1; i < segment.Length; i++)
        {
            differences[i - 1] = Math.Abs(segment[i] - segment[i - 1]);
        }

        Array.Sort(differences);

        // 0.6745 is the normal's median absolute value; a difference of two independent points has √2 their scale.
        var scale = Math.Max(
            Math.Max(MedianOfSorted(deviations) / 0.6745, SampleMoments.Of(sorted).StandardDeviation(1)),
            MedianOfSorted(differences) / (0.6745 * Math.Sqrt(2)));
        if (!(scale > 0) || !double.IsFinite(scale))
        {
            // A constant series (an error rate of 0 throughout the warm-up): any lasting departure from it is a change.
            scale = Math.Max(Math.Abs(median) * 1e-9, 1e-12);
        }

        return (median, scale);
    }

    private static double MedianOfSorted(double[] sorted)
    {
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static double Mean(double[] values, int from, int to)
    {
        double mean = 0;
        for (var i = from; i < to; i++)
        {
            mean += (values[i] - mean) / (i - from + 1);
        }

        return mean;
    }

    private static (long[] Times, double[] Values) Finite(IReadOnlyList<SeriesPoint> points)
    {
        var times = new List<long>(points.Count);
        var values = new List<double>(points.Count);
        foreach (var p in points)
        {
            if (double.IsFinite(p.Value))
            {
                times.Add(p.TimeMs);
                values.Add(p.Value);
            }
        }

        return ([.. times], [.. values]);
    }
}
