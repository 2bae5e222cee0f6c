namespace Monitor.Statistics;

/// <summary>
/// The limiting distribution of the Cramér-von Mises statistic (Csörgő and Faraway 1996, eq. 1.2-1.3),
/// which scipy's <c>cramervonmises_2samp</c> uses for its asymptotic p-value. The series is summed until a
/// term falls below 1e-7, exactly as scipy stops, so the p-values agree to the digit rather than merely
/// to the series' own accuracy.
/// </summary>
public static class CramerVonMisesLimitDistribution
{
    private static readonly double PiToOneAndHalf = Math.Pow(Math.PI, 1.5);

    /// <summary>P(T &lt;= x) for the limiting statistic.</summary>
    public static double Cdf(double x)
    {
        if (!(x > 0))
        {
            return x <= 0 ? 0.0 : double.NaN;
        }

        double sqrtX = Math.Sqrt(x);
        double total = 0;

        // Gamma(k + 1/2) / Gamma(k + 1), advanced by its recurrence.
        double gammaRatio = Math.Sqrt(Math.PI);
        for (int k = 0; k < 10_000; k++)
        {
            double u = gammaRatio / (PiToOneAndHalf * sqrtX);
            double y = 4 * k + 1;
            double q = y * y / (16 * x);

            // exp(-q) K_{1/4}(q) = exp(-2q) * (exp(q) K_{1/4}(q)).
            double term = u * Math.Sqrt(y) * Math.Exp(-2 * q) * ModifiedBesselK.ScaledK(0.25, q);
            total += term;
            if (Math.Abs(term) < 1e-7)
            {
                break;
            }

            gammaRatio *= (k + 0.5) / (k + 1);
        }

        return total;
    }

    /// <summary>1 - Cdf(x), floored at zero (the truncated series can exceed one for large x).</summary>
    public static double Sf(double x) => Math.Max(0, 1.0 - Cdf(x));
}
