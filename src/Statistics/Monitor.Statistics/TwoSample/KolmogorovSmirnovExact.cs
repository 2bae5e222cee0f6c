namespace Monitor.Statistics;

/// <summary>
/// The exact two-sided null distribution of the two-sample KS statistic, by counting lattice paths from
/// (0,0) to (n1,n2) that leave the band |x/n1 - y/n2| &lt; h/lcm (Hodges 1958), the way scipy 1.10 does it:
/// a closed alternating sum when n1 == n2, otherwise the column-by-column "inside" recursion rewritten to
/// carry 1 - p directly (Viehmann 2021) so small p-values keep their digits.
/// </summary>
internal static class KolmogorovSmirnovExact
{
    /// <summary>
    /// P(D &gt;= d) for sizes n1, n2 with gcd g, or false when the computation is not usable. The statistic is
    /// first snapped to the lattice (h = round(d * lcm), d = h / lcm), as scipy does, and returned.
    /// </summary>
    public static bool TryPValue(int n1, int n2, int g, ref double d, out double p)
    {
        long lcm = (long)(n1 / g) * n2;
        long h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        d = h * 1.0 / lcm;
        if (h == 0)
        {
            p = 1.0;
            return true;
        }

        p = n1 == n2 ? OutsideSquare(n1, h) : OutsideBand(n1, n2, g, h);
        return p >= 0 && p <= 1;
    }

    /// <summary>
    /// P(D_{n,n} &gt;= h/n) = 2 (A0 - A0 A1 + A0 A1 A2 - ...), evaluated Horner-like from the innermost term,
    /// where A_k = prod over j &lt; h of (n - kh - j) / (n + kh + j + 1).
    /// </summary>
    private static double OutsideSquare(int n, long h)
    {
        double total = 0.0;
        long top = n / h;

        // The sum nests as A0 (1 - A1 (1 - A2 (...))), so level k enters relative to the result at most as
        // A1 A2 ... Ak, with each A_l at most ((n - lh) / (n + lh + 1))^h. Levels beyond the point where that
        // bound falls below e^-60 (1e-26) cannot change a double and are skipped; for small statistics they
        // are most of the loop.
        long k = 0;
        double logProduct = 0;
        while (k < top)
        {
            long next = k + 1;
            double ratio = (double)(n - next * h) / (n + next * h + 1);
            if (ratio <= 0)
            {
                // n = (k+1) h: that level's first factor is zero, and so is everything above it.
                break;
            }

            logProduct += h * Math.Log(ratio);
            if (logProduct < -60)
            {
                break;
            }

            k = next;
        }

        for (; k >= 0; k--)
        {
            double p1 = 1.0;
            long kh = k * h;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - kh - j) * p1 / (n + kh + j + 1);
            }

            total = p1 * (1.0 - total);
        }

        return 2 * total;
    }

    /// <summary>The share of lattice paths that do not stay strictly inside |n x / g - m y / g| &lt; h (the p-value).</summary>
    private static double OutsideBand(int n1, int n2, int g, long h)
    {
        int m = Math.Max(n1, n2);
        int n = Math.Min(n1, n2);
        long mg = m / g;
        long ng = n / g;

        int minJ = 0;
        int maxJ = (int)Math.Min((long)Math.Ceiling(h / (double)mg), n + 1);
        int currentLength = maxJ - minJ;
        int length = Math.Min(2 * maxJ + 2, n + 1);
        var a = new double[length];
        Array.Fill(a, 1.0);
        Array.Clear(a, minJ, maxJ - minJ);

        for (int i = 1; i <= m; i++)
        {
            int lastMinJ = minJ;
            int lastLength = currentLength;
            minJ = (int)Math.Max((long)Math.Floor((ng * i - h) / (double)mg) + 1, 0);
            minJ = Math.Min(minJ, n);
            maxJ = (int)Math.Min((long)Math.Ceiling((ng * i + h) / (double)mg), n + 1);
            if (maxJ <= minJ)
            {
                return 1.0;
            }

            double value = minJ == 0 ? 0.0 : 1.0;
            int offset = minJ - lastMinJ;
            for (int jj = 0; jj < maxJ - minJ; jj++)
            {
                int j = jj + minJ;
                value = (a[jj + offset] * i + value * j) / (i + j);
                a[jj] = value;
            }

            currentLength = maxJ - minJ;
            if (lastLength > currentLength)
            {
                int from = maxJ - minJ;
                int to = Math.Min(from + (lastLength - currentLength), length);
                for (int x = from; x < to; x++)
                {
                    a[x] = 1;
                }
            }
        }

        return a[maxJ - minJ - 1];
    }
}
