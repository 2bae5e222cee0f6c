namespace Monitor.Statistics;

/// <summary>
/// The two-sided one-sample Kolmogorov-Smirnov statistic D_n for finite n (<c>scipy.stats.kstwo</c>).
/// scipy's two-sample test evaluates its asymptotic p-value as kstwo.sf(d, round(n1 n2 / (n1 + n2))), so
/// Monitor needs the same distribution, chosen region by region as Simard and L'Ecuyer (2011) advise:
/// Ruben-Gambino closed forms at the ends, the Durbin matrix (Marsaglia-Tsang-Wang) or Pomeranz recursion
/// for small n d^2, Pelz-Good's expansion for large n, and twice the one-sided Smirnov tail for the upper tail.
/// </summary>
internal static partial class KolmogorovDistribution
{
    private const int Scale = 128;
    private static readonly double Big = Math.ScaleB(1.0, Scale);
    private static readonly double Small = Math.ScaleB(1.0, -Scale);
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);
    private static readonly double SqrtTwoPi = Math.Sqrt(2 * Math.PI);

    // Stirling series coefficients B_{2j} / (2j (2j-1)) for j = 8..1, highest power first.
    private static readonly double[] StirlingCoefficients =
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3,
        -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4,
        -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>P(D_n &gt;= x), with the support (1/(2n), 1) handled as scipy's distribution does.</summary>
    public static double Sf(int n, double x)
    {
        if (n < 1 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.5 / n)
        {
            return 1.0;
        }

        return Math.Clamp(Kolmogn(n, x, cdf: false), 0, 1);
    }

    /// <summary>P(D_n &lt;= x).</summary>
    public static double Cdf(int n, double x) => Math.Clamp(Kolmogn(n, x, cdf: true), 0, 1);

    private static double Select(double cdfProbability, double sfProbability, bool cdf) =>
        Math.Clamp(cdf ? cdfProbability : sfProbability, 0.0, 1.0);

    private static double Kolmogn(int n, double x, bool cdf)
    {
        if (x >= 1.0)
        {
            return Select(1.0, 0.0, cdf);
        }

        if (x <= 0.0)
        {
            return Select(0.0, 1.0, cdf);
        }

        double t = n * x;
        if (t <= 1.0)
        {
            // Ruben-Gambino: 1/(2n) <= x <= 1/n.
            if (t <= 0.5)
            {
                return Select(0.0, 1.0, cdf);
            }

            double prob;
            if (n <= 140)
            {
                prob = 1.0;
                double factor = 2 * t - 1;
                for (int i = 1; i <= n; i++)
                {
                    prob *= i * (1.0 / n) * factor;
                }
            }
            else
            {
                prob = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            }

            return Select(prob, 1.0 - prob, cdf);
        }

        if (t >= n - 1)
        {
            // Ruben-Gambino: x >= 1 - 1/n.
            double prob = 2 * Math.Pow(1.0 - x, n);
            return Select(1 - prob, prob, cdf);
        }

        if (x >= 0.5)
        {
            // The one-sided tails cannot both be crossed: exactly twice the Smirnov tail.
            double prob = 2 * SmirnovDistribution.Sf(n, x);
            return Select(1.0 - prob, prob, cdf);
        }

        double nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                double p = DurbinMatrix(n, x);
                return Select(p, 1.0 - p, cdf);
            }

            if (nxSquared <= 4)
            {
                double p = Pomeranz(n, x);
                return Select(p, 1.0 - p, cdf);
            }

            double prob = 2 * SmirnovDistribution.Sf(n, x);
            return Select(1.0 - prob, prob, cdf);
        }

        if (!cdf)
        {
            if (nxSquared >= 370.0)
            {
                return 0.0;
            }

            if (nxSquared >= 2.2)
            {
                return Math.Clamp(2 * SmirnovDistribution.Sf(n, x), 0, 1);
            }
        }

        double cdfProbability;
        if (nxSquared >= 18.0)
        {
            cdfProbability = 1.0;
        }
        else if (n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4)
        {
            cdfProbability = DurbinMatrix(n, x);
        }
        else
        {
            cdfProbability = PelzGood(n, x);
        }

        return Select(cdfProbability, 1.0 - cdfProbability, cdf);
    }

    // log(n! / n^n) by Stirling's series with n log n removed up front (it would cancel).
    private static double LogFactorialOverPower(int n)
    {
        double rn = 1.0 / n;
        double x = rn / n;
        double poly = 0;
        foreach (double c in StirlingCoefficients)
        {
            poly = poly * x + c;
        }

        return Math.Log(n) / 2 - n + LogTwoPi / 2 + rn * poly;
    }

    /// <summary>Pelz and Good's (1976) approximation to P(D_n &lt;= x), the Li-Chien/Korolyuk series made fit for small n x^2.</summary>
    private static double PelzGood(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        double z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        double piSquared = Math.PI * Math.PI;
        double piFour = piSquared * piSquared;
        double piSix = piFour * piSquared;

        double qLog = -piSquared / 8 / z2;
        if (qLog < -708)
        {
            return 0.0;
        }

        double q = Math.Exp(qLog);
        double k1a = -z2;
        double k1b = piSquared / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * piSquared / 4;
        double k2c = piFour * (1 - 2 * z2) / 16;
        double k3d = piSix * (5 - 30 * z2) / 64;
        double k3c = piFour * (-60 * z2 + 212 * z4) / 16;
        double k3b = piSquared * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.Pow(z, 8);

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (int k = maxK; k > 0; k--)
        {
            double mOdd = 2 * k - 1;
            double m2 = mOdd * mOdd, m4 = m2 * m2, m6 = m4 * m2;
            double qPower = Math.Pow(q, 8 * k);
            s0 = s0 * qPower + 1.0;
            s1 = s1 * qPower + (k1a + k1b * m2);
            s2 = s2 * qPower + (k2a + k2b * m2 + k2c * m4);
            s3 = s3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
        }

        double common = q * SqrtTwoPi;
        s0 *= common / z;
        s1 *= common / (6 * z4);
        s2 *= common / (72 * Math.Pow(z, 7));
        s3 *= common / (6480 * Math.Pow(z, 10));

        double qq = Math.Exp(-piSquared / 2 / z2);
        double sqrt3z = Math.Sqrt(3) * z;
        double k2Extra = 0, k3Extra = 0;
        for (int k = maxK; k > 0; k--)
        {
            double kk = (double)k * k;
            double qPower = Math.Pow(qq, kk);
            double kPi = Math.PI * k;
            k2Extra += kk * qPower;
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kk * qPower;
        }

        s2 += k2Extra * piSquared * SqrtTwoPi / (-36 * z3);
        s3 += k3Extra * piSquared * SqrtTwoPi / (216 * z6);

        double sqrtN = Math.Sqrt(n);
        return s0 + s1 / sqrtN + s2 / n + s3 / (n * sqrtN);
    }
}
