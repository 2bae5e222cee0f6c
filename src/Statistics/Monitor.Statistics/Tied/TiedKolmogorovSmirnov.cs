namespace Monitor.Statistics;

/// <summary>
/// A KS p-value for tied data that holds its level: scipy's (the continuous null) is conservative with ties, far
/// below alpha on a feature with a few levels. The exact conditional null is the count-space permutation null
/// (<see cref="CountPermutationNull"/>). The continuous p-value is an upper bound of the tied one (the continuous
/// null is conservative on discrete data), so when it is already far below alpha / family the permutation, which
/// could not resolve it anyway, is skipped and the bound reported.
/// </summary>
public static class TiedKolmogorovSmirnov
{

    public static TiedTestResult Test(PooledCells cells, double continuousPValue, int family = 1, double alpha = 0.05)
    {
        ReadOnlySpan<int> pooled = cells.Pooled.AsSpan(0, cells.Count);
        ReadOnlySpan<int> current = cells.Current.AsSpan(0, cells.Count);
        int n = cells.ReferenceSize, m = cells.CurrentSize;
        double d = CellStatistics.KolmogorovSmirnov(pooled, current, m, n);
        if (continuousPValue < alpha / Math.Max(1, family) / 100)
        {
            return new TiedTestResult(d, continuousPValue, NullMethods.ContinuousOnTies);
        }

        double p = CountPermutationNull.MidPValue(pooled, current, m, n, CellStatistics.KolmogorovSmirnov,
            CountPermutationNull.DrawsFor(alpha, family));
        return new TiedTestResult(d, p, NullMethods.Permutation);
    }
}
