namespace Monitor.Statistics;

/// <summary>
/// The two-sided Mann-Whitney U test with the normal approximation, as
/// <c>scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic")</c>: continuity
/// correction of 1/2 and the tie-corrected variance. The statistic reported is U of the first sample.
/// </summary>
public static class MannWhitneyUTest
{
    public static MannWhitneyUResult TwoSided(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool continuityCorrection = true)
    {
        double[] a = KolmogorovSmirnovTest.SortedCopy(x, nameof(x));
        double[] b = KolmogorovSmirnovTest.SortedCopy(y, nameof(y));
        return TwoSidedSorted(a, b, continuityCorrection);
    }

    public static MannWhitneyUResult TwoSidedSorted(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool continuityCorrection = true)
    {
        double n1 = x.Length, n2 = y.Length;
        (double r1, double tieTerm) = Ranks.OfSorted(x, y);
        double u1 = r1 - n1 * (n1 + 1) / 2;
        double u2 = n1 * n2 - u1;
        double u = Math.Max(u1, u2);

        double mu = n1 * n2 / 2;
        double n = n1 + n2;
        double s = Math.Sqrt(n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
        double numerator = u - mu;
        if (continuityCorrection)
        {
            // The survival function is always taken at the larger U, so subtracting 1/2 is the correction.
            numerator -= 0.5;
        }

        double z = numerator / s;
        double p = Math.Clamp(2 * StandardNormal.Sf(z), 0, 1);
        return new MannWhitneyUResult(u1, p);
    }
}
