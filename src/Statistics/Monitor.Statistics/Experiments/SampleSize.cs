namespace Monitor.Statistics;

/// <summary>
/// Samples needed per group for a two-sided test at level alpha to detect a given effect with the given
/// power (default 80%), by the usual normal approximations. Used to tell a user how long an A/B comparison
/// must run before "no difference" means anything.
/// </summary>
public static class SampleSize
{
    /// <summary>Per-group size to tell rate <paramref name="p1"/> from <paramref name="p2"/> (pooled variance under the null, unpooled under the alternative).</summary>
    public static long ForProportions(double p1, double p2, double alpha = 0.05, double power = 0.8)
    {
        if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1) || p1 == p2)
        {
            throw new ArgumentException("Rates must lie strictly between 0 and 1 and differ.");
        }

        double zAlpha = StandardNormal.Quantile(1 - alpha / 2);
        double zBeta = StandardNormal.Quantile(power);
        double pBar = (p1 + p2) / 2;
        double root = zAlpha * Math.Sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        double n = root * root / ((p1 - p2) * (p1 - p2));
        return (long)Math.Ceiling(n - 1e-9);
    }

    /// <summary>Per-group size to detect a difference <paramref name="delta"/> in means when each group has standard deviation <paramref name="sigma"/>.</summary>
    public static long ForMeans(double delta, double sigma, double alpha = 0.05, double power = 0.8)
    {
        if (!(sigma > 0) || delta == 0 || double.IsNaN(delta))
        {
            throw new ArgumentException("The standard deviation must be positive and the difference non-zero.");
        }

        double zAlpha = StandardNormal.Quantile(1 - alpha / 2);
        double zBeta = StandardNormal.Quantile(power);
        double n = 2 * (zAlpha + zBeta) * (zAlpha + zBeta) * sigma * sigma / (delta * delta);
        return (long)Math.Ceiling(n - 1e-9);
    }
}
