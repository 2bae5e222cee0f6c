namespace Monitor.Statistics;

/// <summary>
/// Two-sample statistics computed from counts over pooled distinct values: sample A has <c>a[k]</c> of the
/// <c>pooled[k]</c> values in cell k, sample B the rest. Each is symmetric in A and B, so a permutation null may
/// draw whichever sample is smaller.
/// </summary>
public static class CellStatistics
{
    /// <summary>
    /// The two-sample Cramér-von Mises T in its ECDF form, na nb / N^2 sum over the pooled values of
    /// (F_A - F_B)^2, each distinct value weighted by its pooled multiplicity. Without ties it equals the
    /// midrank form scipy uses; with ties it stays the CvM statistic, which the midrank form does not.
    /// </summary>
    public static double CramerVonMises(ReadOnlySpan<int> pooled, ReadOnlySpan<int> a, int na, int nb)
    {
        double inverseA = 1.0 / na, inverseB = 1.0 / nb;
        long cumulativeA = 0, cumulativePooled = 0;
        double sum = 0;
        for (int k = 0; k < pooled.Length; k++)
        {
            cumulativeA += a[k];
            cumulativePooled += pooled[k];
            double d = cumulativeA * inverseA - (cumulativePooled - cumulativeA) * inverseB;
            sum += pooled[k] * d * d;
        }

        double total = (double)na + nb;
        return (double)na * nb / (total * total) * sum;
    }

    /// <summary>The two-sided KS distance max |F_A - F_B|, taken after each distinct value.</summary>
    public static double KolmogorovSmirnov(ReadOnlySpan<int> pooled, ReadOnlySpan<int> a, int na, int nb)
    {
        // Exact integer gaps, so equal lattice points compare equal in the permutation null.
        long cumulativeA = 0, cumulativePooled = 0, largest = 0;
        for (int k = 0; k < pooled.Length; k++)
        {
            cumulativeA += a[k];
            cumulativePooled += pooled[k];
            long gap = Math.Abs(cumulativeA * nb - (cumulativePooled - cumulativeA) * na);
            largest = Math.Max(largest, gap);
        }

        return largest / ((double)na * nb);
    }

    /// <summary>Pearson's chi-squared of the 2 x k table (A counts, B counts); cells with no values are skipped.</summary>
    public static double PearsonChiSquared(ReadOnlySpan<int> pooled, ReadOnlySpan<int> a, int na, int nb)
    {
        double total = (double)na + nb;
        double factor = total * total / ((double)na * nb);
        double shareA = na / total;
        double sum = 0;
        for (int k = 0; k < pooled.Length; k++)
        {
            int c = pooled[k];
            if (c == 0)
            {
                continue;
            }

            double d = a[k] - shareA * c;
            sum += d * d / c;
        }

        return factor * sum;
    }
}
