namespace Monitor.Statistics;

/// <summary>Pomeranz's recursion for P(D_n &lt;= x) (1974), as Simard and L'Ecuyer implement it.</summary>
internal static partial class KolmogorovDistribution
{
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
}
