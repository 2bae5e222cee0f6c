namespace Monitor.Statistics.Trends;

/// <summary>
/// The ordinary least-squares slope of a series' values against time, in value units per hour: how fast a
/// figure degrades (or improves) over a window, less swayed by its first and last points than a difference.
/// </summary>
public static class LeastSquaresSlope
{
    private const double MsPerHour = 3_600_000.0;

    /// <summary>NaN with fewer than two finite points or when they all share one time.</summary>
    public static double PerHour(IReadOnlyList<SeriesPoint> points)
    {
        // Times are taken relative to the first point, in hours, so Unix milliseconds lose no precision.
        var origin = long.MinValue;
        var count = 0;
        double meanX = 0, meanY = 0;
        foreach (var p in points)
        {
            if (!double.IsFinite(p.Value))
            {
                continue;
            }

            if (origin == long.MinValue)
            {
                origin = p.TimeMs;
            }

            count++;
            meanX += ((p.TimeMs - origin) / MsPerHour - meanX) / count;
            meanY += (p.Value - meanY) / count;
        }

        if (count < 2)
        {
            return double.NaN;
        }

        double sxy = 0, sxx = 0;
        foreach (var p in points)
        {
            if (!double.IsFinite(p.Value))
            {
                continue;
            }

            var dx = (p.TimeMs - origin) / MsPerHour - meanX;
            sxy += dx * (p.Value - meanY);
            sxx += dx * dx;
        }

        return sxx == 0 ? double.NaN : sxy / sxx;
    }
}
