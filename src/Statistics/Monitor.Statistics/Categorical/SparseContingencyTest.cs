namespace Monitor.Statistics;

/// <summary>
/// Pearson's chi-squared test of a 2 x k table that keeps its level when cells are sparse. With every expected
/// count at least <see cref="MinimumExpected"/> it is scipy's <c>chi2_contingency(correction=False)</c>. Below
/// that the chi-squared null is anti-conservative (a rare category or level makes false alarms), so: for a small
/// sample the statistic is referred to its conditional permutation null (exact whatever the counts, mid-p); for
/// a large one the rare cells are pooled (smallest first, into groups reaching the minimum expected count; the
/// grouping depends only on the pooled counts, which the null conditions on) and the pooled table is tested.
/// </summary>
public static class SparseContingencyTest
{
    public const double MinimumExpected = 5;

    /// <summary>Up to this many values in the smaller sample a sparse table gets the permutation null.</summary>
    public const int PermutationLimit = 300;

    /// <summary>Tests the values of a numeric feature as categories: one column per pooled distinct value.</summary>
    public static TiedTestResult Test(PooledCells cells, int family = 1, double alpha = 0.05) =>
        Test(cells.Pooled.AsSpan(0, cells.Count).ToArray(), cells.Current.AsSpan(0, cells.Count).ToArray(), cells.ReferenceSize, cells.CurrentSize, family, alpha);

    public static TiedTestResult Test(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int family = 1, double alpha = 0.05)
    {
        int k = reference.Length;
        var pooled = new int[k];
        var cur = new int[k];
        int n = 0, m = 0;
        for (int i = 0; i < k; i++)
        {
            cur[i] = (int)current[i];
            pooled[i] = (int)reference[i] + cur[i];
            n += (int)reference[i];
            m += cur[i];
        }

        return Test(pooled, cur, n, m, family, alpha);
    }

    private static TiedTestResult Test(int[] pooled, int[] cur, int n, int m, int family, double alpha)
    {
        if (n == 0 || m == 0)
        {
            throw new ArgumentException("Both rows need at least one count.");
        }

        int smaller = Math.Min(n, m);
        double total = (double)n + m;
        bool sparse = false;
        foreach (int c in pooled)
        {
            sparse |= c > 0 && smaller * c / total < MinimumExpected;
        }

        if (!sparse)
        {
            var referenceRow = new double[pooled.Length];
            var currentRow = new double[pooled.Length];
            for (int i = 0; i < pooled.Length; i++)
            {
                referenceRow[i] = pooled[i] - cur[i];
                currentRow[i] = cur[i];
            }

            ChiSquareResult chi = ChiSquareContingency.TwoRows(referenceRow, currentRow);
            return new TiedTestResult(chi.Statistic, chi.PValue, NullMethods.Asymptotic);
        }

        double statistic = CellStatistics.PearsonChiSquared(pooled, cur, m, n);
        if (smaller <= PermutationLimit)
        {
            double p = CountPermutationNull.MidPValue(pooled, cur, m, n, CellStatistics.PearsonChiSquared,
                CountPermutationNull.DrawsFor(alpha, family));
            return new TiedTestResult(statistic, p, NullMethods.Permutation);
        }

        (double[] pooledReference, double[] pooledCurrent) = Pool(pooled, cur, smaller / total);
        if (pooledReference.Length <= 1)
        {
            return new TiedTestResult(statistic, 1.0, NullMethods.PooledAsymptotic);
        }

        ChiSquareResult pooledChi = ChiSquareContingency.TwoRows(pooledReference, pooledCurrent);
        return new TiedTestResult(statistic, pooledChi.PValue, NullMethods.PooledAsymptotic);
    }

    /// <summary>Cells with enough expected values stay; the rest, smallest first, form groups reaching the minimum.</summary>
    private static (double[] Reference, double[] Current) Pool(int[] pooled, int[] current, double smallerShare)
    {
        var reference = new List<double>();
        var window = new List<double>();
        var rare = new List<int>();
        for (int i = 0; i < pooled.Length; i++)
        {
            if (pooled[i] == 0)
            {
                continue;
            }

            if (pooled[i] * smallerShare >= MinimumExpected)
            {
                reference.Add(pooled[i] - current[i]);
                window.Add(current[i]);
            }
            else
            {
                rare.Add(i);
            }
        }

        rare.Sort((x, y) => pooled[x] != pooled[y] ? pooled[x].CompareTo(pooled[y]) : x.CompareTo(y));
        double groupReference = 0, groupCurrent = 0;
        foreach (int i in rare)
        {
            groupReference += pooled[i] - current[i];
            groupCurrent += current[i];
            if ((groupReference + groupCurrent) * smallerShare >= MinimumExpected)
            {
                reference.Add(groupReference);
                window.Add(groupCurrent);
                groupReference = groupCurrent = 0;
            }
        }

        if (groupReference + groupCurrent > 0)
        {
            // A remainder below the minimum joins the smallest cell kept, or stands alone when nothing was kept.
            if (reference.Count == 0)
            {
                reference.Add(groupReference);
                window.Add(groupCurrent);
            }
            else
            {
                int smallest = 0;
                for (int j = 1; j < reference.Count; j++)
                {
                    if (reference[j] + window[j] < reference[smallest] + window[smallest])
                    {
                        smallest = j;
                    }
                }

                reference[smallest] += groupReference;
                window[smallest] += groupCurrent;
            }
        }

        return (reference.ToArray(), window.ToArray());
    }
}
