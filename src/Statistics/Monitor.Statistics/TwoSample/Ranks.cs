namespace Monitor.Statistics;

/// <summary>Pooled midranks of two samples (<c>scipy.stats.rankdata(method="average")</c>) and the tie term sum(t^3 - t).</summary>
internal static class Ranks
{
    /// <summary>Sum of the midranks of the first (ascending) sample in the pooled sample, and the tie term.</summary>
    public static (double FirstRankSum, double TieTerm) OfSorted(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n1 = a.Length, n2 = b.Length;
        int i = 0, j = 0;
        double rankSum = 0, tieTerm = 0;
        while (i < n1 || j < n2)
        {
            double v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
            int i0 = i, j0 = j;
            while (i < n1 && a[i] == v)
            {
                i++;
            }

            while (j < n2 && b[j] == v)
            {
                j++;
            }

            double t = (i - i0) + (j - j0);
            double midrank = i0 + j0 + (t + 1) * 0.5;
            rankSum += midrank * (i - i0);
            tieTerm += t * t * t - t;
        }

        return (rankSum, tieTerm);
    }
}
