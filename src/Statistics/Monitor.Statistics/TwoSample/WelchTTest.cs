using MathNet.Numerics;

namespace Monitor.Statistics;

/// <summary>
/// Welch's unequal-variance t-test, two-sided, as <c>scipy.stats.ttest_ind(a, b, equal_var=False)</c>.
/// Used for comparing means (latency, business values) between versions without assuming equal spread.
/// </summary>
public static class WelchTTest
{
    public static WelchTTestResult TwoSided(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length < 2 || b.Length < 2)
        {
            throw new ArgumentException("Both samples need at least two values.");
        }

        SampleMoments ma = SampleMoments.Of(a);
        SampleMoments mb = SampleMoments.Of(b);
        return FromMoments(ma.Mean, ma.Variance(1), ma.Count, mb.Mean, mb.Variance(1), mb.Count);
    }

    /// <summary>The test from summary statistics (sample variances with ddof = 1).</summary>
    public static WelchTTestResult FromMoments(double mean1, double variance1, int n1, double mean2, double variance2, int n2)
    {
        double vn1 = variance1 / n1;
        double vn2 = variance2 / n2;
        double df = (vn1 + vn2) * (vn1 + vn2) / (vn1 * vn1 / (n1 - 1) + vn2 * vn2 / (n2 - 1));
        if (double.IsNaN(df))
        {
            df = 1;
        }

        double t = (mean1 - mean2) / Math.Sqrt(vn1 + vn2);
        return new WelchTTestResult(t, df, StudentTTwoSidedP(t, df));
    }

    /// <summary>2 P(T_df &gt; |t|) through the regularized incomplete beta function, which keeps small p-values exact.</summary>
    internal static double StudentTTwoSidedP(double t, double df)
    {
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return 0.0;
        }

        double x = df / (df + t * t);
        return Math.Clamp(SpecialFunctions.BetaRegularized(df / 2, 0.5, x), 0, 1);
    }
}
