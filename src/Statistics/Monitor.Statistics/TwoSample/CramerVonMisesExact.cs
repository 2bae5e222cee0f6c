namespace Monitor.Statistics;

/// <summary>
/// The exact null distribution of the two-sample Cramér-von Mises U statistic for small samples, by the
/// frequency-table recursion of Xiao, Gordon and Yakovlev (2006) over lattice paths, as scipy computes it.
/// Tables hold exact integer counts; only the final share is a division.
/// </summary>
internal static class CramerVonMisesExact
{
    /// <summary>P(U' &gt;= u) for sample sizes m and n (both at most about 20).</summary>
    public static double PValue(double u, int m, int n)
    {
        long lcm = (long)m / KolmogorovSmirnovTest.GreatestCommonDivisor(m, n) * n;
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long)m * n;

        // Combine Anderson's eq. 9 with the paper's eq. 2 and solve for the threshold zeta, in floating point
        // with Python's floor division, as scipy does.
        double numerator = (double)(lcm * lcm * (m + n)) * (6 * u - mn * (4 * mn - 1));
        double zeta = PythonFloorDivide(numerator, 6.0 * mn * mn);

        // gs[v] is the frequency table of the partial sums for paths ending at column v.
        var gs = new Table[m + 1];
        gs[0] = new Table([0], [1]);
        for (int v = 1; v <= m; v++)
        {
            gs[v] = Table.Empty;
        }

        for (int uIndex = 0; uIndex <= n; uIndex++)
        {
            var next = new Table[m + 1];
            Table tmp = Table.Empty;
            for (int v = 0; v <= m; v++)
            {
                tmp = Table.Merge(tmp, gs[v]);
                long step = a * v - b * uIndex;
                tmp = tmp.Shift(step * step);
                next[v] = tmp;
            }

            gs = next;
        }

        Table last = gs[m];
        long count = 0;
        for (int i = 0; i < last.Values.Length; i++)
        {
            if (last.Values[i] >= zeta)
            {
                count += last.Frequencies[i];
            }
        }

        return count / Binomial(m + n, m);
    }

    private static double Binomial(int n, int k)
    {
        long result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    // Python's float // : floor of the exact quotient, computed through fmod like CPython and numpy.
    private static double PythonFloorDivide(double x, double y)
    {
        double mod = x % y;
        double div = (x - mod) / y;
        if (mod != 0 && (y < 0) != (mod < 0))
        {
            div -= 1.0;
        }

        if (div == 0)
        {
            return Math.CopySign(0.0, x / y);
        }

        double floor = Math.Floor(div);
        if (div - floor > 0.5)
        {
            floor += 1.0;
        }

        return floor;
    }

    /// <summary>A frequency table sorted by value.</summary>
    private sealed class Table(long[] values, long[] frequencies)
    {
        public static readonly Table Empty = new([], []);

        public long[] Values { get; } = values;
        public long[] Frequencies { get; } = frequencies;

        public static Table Merge(Table x, Table y)
        {
            if (y.Values.Length == 0)
            {
                return x;
            }

            if (x.Values.Length == 0)
            {
                return y;
            }

            var values = new long[x.Values.Length + y.Values.Length];
            var frequencies = new long[values.Length];
            int i = 0, j = 0, k = 0;
            while (i < x.Values.Length || j < y.Values.Length)
            {
                if (j >= y.Values.Length || (i < x.Values.Length && x.Values[i] < y.Values[j]))
                {
                    values[k] = x.Values[i];
                    frequencies[k++] = x.Frequencies[i++];
                }
                else if (i >= x.Values.Length || y.Values[j] < x.Values[i])
                {
                    values[k] = y.Values[j];
                    frequencies[k++] = y.Frequencies[j++];
                }
                else
                {
                    values[k] = x.Values[i];
                    frequencies[k++] = x.Frequencies[i++] + y.Frequencies[j++];
                }
            }

            Array.Resize(ref values, k);
            Array.Resize(ref frequencies, k);
            return new Table(values, frequencies);
        }

        public Table Shift(long by)
        {
            var values = new long[Values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Values[i] + by;
            }

            return new Table(values, Frequencies);
        }
    }
}
