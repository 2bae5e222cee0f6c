namespace Monitor.Statistics;

/// <summary>
/// The two-sample Cramér-von Mises test for tied data (scipy's <c>cramervonmises_2samp</c> is for continuous
/// data only: with ties its midrank statistic is not the CvM statistic and its null is the continuous one, which
/// at unequal sizes gives near-certain false alarms). The statistic is the ECDF form over the pooled distinct
/// values weighted by their multiplicities (<see cref="CellStatistics.CramerVonMises"/>), equal to scipy's
/// without ties. The null: for a small sample of few distinct values (where the statistic has few attainable
/// values and the limit is off) the conditional permutation null in count space; otherwise the
/// statistic, scaled by (N - 1) / N so its mean matches the exact permutation mean, is referred to its limit, the
/// weighted chi-square sum of <see cref="DiscreteBridgeWeights"/>, by a saddlepoint tail. The weights may be given
/// from the reference's own cell probabilities (a consistent estimate of the same limit, computed once per
/// reference instead of per evaluation); without them they are taken from the pooled cells.
/// </summary>
public static class TiedCramerVonMises
{
    /// <summary>Up to this many values in the smaller sample (and <see cref="PermutationCellLimit"/> distinct values) the permutation null is used.</summary>
    public const int PermutationLimit = 200;

    /// <summary>Up to this many pooled distinct values the permutation null is used for small samples; with more the limit is accurate.</summary>
    public const int PermutationCellLimit = 60;

    public static TiedTestResult Test(PooledCells cells, int family = 1, double alpha = 0.05, (double[] Weights, double Remainder)? nullWeights = null)
    {
        ReadOnlySpan<int> pooled = cells.Pooled.AsSpan(0, cells.Count);
        ReadOnlySpan<int> current = cells.Current.AsSpan(0, cells.Count);
        int n = cells.ReferenceSize, m = cells.CurrentSize;
        double t = CellStatistics.CramerVonMises(pooled, current, m, n);
        if (Math.Min(n, m) <= PermutationLimit && cells.Count <= PermutationCellLimit)
        {
            double p = CountPermutationNull.MidPValue(pooled, current, m, n, CellStatistics.CramerVonMises,
                CountPermutationNull.DrawsFor(alpha, family));
            return new TiedTestResult(t, p, NullMethods.Permutation);
        }

        (double[] weights, double remainder) = nullWeights ?? DiscreteBridgeWeights.Of(pooled);
        double total = (double)n + m;
        double scaled = t * (total - 1) / total;
        return new TiedTestResult(t, WeightedChiSquareTail.Survival(weights, remainder, scaled), NullMethods.TiedAsymptotic);
    }
}
