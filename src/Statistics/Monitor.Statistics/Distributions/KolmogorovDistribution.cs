namespace Monitor.Statistics;

/// <summary>
/// The two-sided one-sample Kolmogorov-Smirnov statistic D_n for finite n (<c>scipy.stats.kstwo</c>).
/// scipy's two-sample test evaluates its asymptotic p-value as kstwo.sf(d, round(n1 n2 / (n1 + n2))), so
/// Monitor needs the same distribution, chosen region by region as Simard and L'Ecuyer (2011) advise:
/// Ruben-Gambino closed forms at the ends, the Durbin matrix (Marsaglia-Tsang-Wang) or Pomeranz recursion
/// for small n d^2, Pelz-Good's expansion for large n, and twice the one-sided Smirnov tail for the upper tail.
/// </summary>
internal static class KolmogorovDistribution
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

    /// <summary>P(D_n &lt;= d) by Durbin's matrix: the k-th diagonal entry of H^n times n!/n^n, scaled as it grows.</summary>
    private static double DurbinMatrix(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        double nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        int k = (int)Math.Ceiling(nd);
        double h = k - nd;
        int m = 2 * k - 1;

        var v = new double[m];
        var w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }

        double tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;

        var hMatrix = new double[m * m];
        for (int i = 1; i < m; i++)
        {
            for (int r = i - 1; r < m; r++)
            {
                hMatrix[r * m + i] = w[r - i + 1];
            }
        }

        for (int r = 0; r < m; r++)
        {
            hMatrix[r * m] = v[r];
        }

        for (int c = 0; c < m; c++)
        {
            hMatrix[(m - 1) * m + c] = v[m - 1 - c];
        }

        var power = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            power[i * m + i] = 1.0;
        }

        var product = new double[m * m];
        int nn = n;
        int exponent = 0;
        int hExponent = 0;
        while (nn > 0)
        {
            if ((nn & 1) != 0)
            {
                Multiply(power, hMatrix, product, m);
                (power, product) = (product, power);
                exponent += hExponent;
            }

            Multiply(hMatrix, hMatrix, product, m);
            (hMatrix, product) = (product, hMatrix);
            hExponent *= 2;
            if (Math.Abs(hMatrix[(k - 1) * m + (k - 1)]) > Big)
            {
                for (int i = 0; i < hMatrix.Length; i++)
                {
                    hMatrix[i] /= Big;
                }

                hExponent += Scale;
            }

            nn /= 2;
        }

        double p = power[(k - 1) * m + (k - 1)];
        for (int i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < Small)
            {
                p *= Big;
                exponent -= Scale;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Math.Clamp(p, 0, 1);
    }

    private static void Multiply(double[] a, double[] b, double[] result, int m)
    {
        Array.Clear(result);
        for (int i = 0; i < m; i++)
        {
            int rowA = i * m;
            for (int k = 0; k < m; k++)
            {
                double aik = a[rowA + k];
                if (aik == 0)
                {
                    continue;
                }

                int rowB = k * m;
                for (int j = 0; j < m; j++)
                {
                    result[rowA + j] += aik * b[rowB + j];
                }
            }
        }
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilF, int roundF)
    {
        int j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilF - 1;
            j2 = ll + ceilF - 1;
        }
        else
        {
            int half = (i + 1) / 2;
            int odd = (i + 1) % 2;
            if (odd == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilF - 1;
                    j2 = n + ll + ceilF - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundF - 1;
                    j2 = half + ll - 1 + ceilF - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundF - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>P(D_n &lt;= x) by Pomeranz's recursion (1974): rows convolved with near-Poisson weights, two rows kept.</summary>
    private static double Pomeranz(int n, double x)
    {
        double t = n * x;
        int ll = (int)Math.Floor(t);
        double f = t - ll;
        double g = Math.Min(f, 1.0 - f);
        int ceilF = f > 0 ? 1 : 0;
        int roundF = f > 0.5 ? 1 : 0;
        int nPowers = 2 * (ll + 1);
        var gPower = new double[nPowers];
        var twoGPower = new double[nPowers];
        var oneMinusTwoGPower = new double[nPowers];
        gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1.0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (int m = 1; m < nPowers; m++)
        {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[nPowers];
        var v1 = new double[nPowers];
        v1[0] = 1;
        int v0Start = 0, v1Start = 0;
        int exponent = 0;
        (int j1, int j2) = PomeranzBounds(0, n, ll, ceilF, roundF);
        for (int i = 1; i < 2 * n + 2; i++)
        {
            int k1 = j1;
            (v0, v1) = (v1, v0);
            (v0Start, v1Start) = (v1Start, v0Start);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilF, roundF);
            double[] powers = i == 1 || i == 2 * n + 1 ? gPower : (i % 2 != 0 ? twoGPower : oneMinusTwoGPower);
            int ln2 = j2 - k1 + 1;
            if (ln2 > 0)
            {
                int segmentStart = k1 - v0Start;
                int segmentLength = Math.Min(ln2, nPowers - segmentStart);
                int convStart = j1 - k1;
                int convLength = j2 - j1 + 1;
                double max = 0;
                for (int c = 0; c < convLength; c++)
                {
                    int tIndex = convStart + c;
                    int sFrom = Math.Max(0, tIndex - (ln2 - 1));
                    int sTo = Math.Min(tIndex, segmentLength - 1);
                    double acc = 0;
                    for (int s = sFrom; s <= sTo; s++)
                    {
                        acc += v0[segmentStart + s] * powers[tIndex - s];
                    }

                    v1[c] = acc;
                    if (acc > max)
                    {
                        max = acc;
                    }
                }

                if (max > 0 && max < Small)
                {
                    for (int c = 0; c < v1.Length; c++)
                    {
                        v1[c] *= Big;
                    }

                    exponent -= Scale;
                }

                v1Start = v0Start + j1 - k1;
            }
        }

        double answer = v1[n - v1Start];
        for (int m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > Big)
            {
                answer *= Small;
                exponent += Scale;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Math.Clamp(answer, 0, 1);
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
