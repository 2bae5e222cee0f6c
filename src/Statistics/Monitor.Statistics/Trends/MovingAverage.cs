namespace Monitor.Statistics.Trends;

/// <summary>
/// The plain mean of a series' values (Prometheus's <c>avg_over_time</c>): every point weighs the same, however
/// many records stand behind it, so a quiet step counts as much as a busy one. Non-finite values are left out.
/// </summary>
public static class MovingAverage
{
    /// <summary>NaN when no point has a finite value.</summary>
    public static double Of(IReadOnlyList<SeriesPoint> points)
    {
        // Kahan summation: a day of 10 s steps adds 8,640 values.
        double sum = 0, compensation = 0;
        var count = 0;
        foreach (var p in points)
        {
            if (!double.IsFinite(p.Value))
            {
                continue;
            }

            var y = p.Value - compensation;
            var t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            count++;
        }

        return count == 0 ? double.NaN : sum / count;
    }
}
