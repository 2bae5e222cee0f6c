using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Statistics.Tests.Drift;

/// <summary>The pieces of the tie-aware tests against what they must equal: scipy without ties, known limits, the exact permutation null.</summary>
public sealed class TiedStatisticsTests
{
    [Fact]
    public void TheEcdfFormEqualsScipysStatisticWithoutTies()
    {
        var random = new SeededSamples(11);
        double[] a = random.Normal(57), b = random.Normal(91, 0.3);
        Array.Sort(a);
        Array.Sort(b);
        PooledCells cells = PooledCells.FromSorted(a, b);
        Assert.False(cells.HasTies);
        double ecdf = CellStatistics.CramerVonMises(cells.Pooled.AsSpan(0, cells.Count), cells.Current.AsSpan(0, cells.Count), b.Length, a.Length);
        Assert.Equal(CramerVonMisesTest.TwoSampleSorted(a, b).Statistic, ecdf, 12);
    }

    [Fact]
    public void CellsGiveTheSameKsAndWassersteinAsTheValueMerge()
    {
        double[] reference = [0, 0, 0, 1, 1, 2, 3, 3, 3, 3, 7];
        double[] current = [0, 1, 1, 1, 2, 2, 5, 7, 7];
        SortedSampleComparison merged = SortedSampleComparison.Compare(reference, current);
        SortedSampleComparison cells = PooledCells.FromSorted(reference, current).ToComparison();
        Assert.Equal(merged.KolmogorovSmirnovStatistic, cells.KolmogorovSmirnovStatistic, 15);
        Assert.Equal(merged.Wasserstein, cells.Wasserstein, 12);
    }

    [Fact]
    public void ARepeatedReferenceValueIsOneCellAndGapsAreTakenAfterTheWholeGroup()
    {
        // Given value by value, a tied reference must still give one cell per distinct value: a gap taken between
        // two copies of one value would be a KS distance no ECDF has.
        double[] reference = [0, 0, 0, 0, 1];
        double[] current = [1, 1, 1, 1];
        PooledCells cells = PooledCells.FromSorted(reference, current);
        Assert.Equal(2, cells.Count);
        Assert.Equal([4, 5], cells.Pooled.AsSpan(0, 2).ToArray());
        Assert.Equal(0.8, cells.ToComparison().KolmogorovSmirnovStatistic, 15);
    }

    [Fact]
    public void TheMidrankStatisticFromCellsIsAndersonsUWithTies()
    {
        // U = n1 sum (r_i - i)^2 + n2 sum (s_j - j)^2 with midranks, summed value by value.
        double[] reference = [0, 0, 0, 1, 1, 2, 3, 3, 3, 3, 7];
        double[] current = [0, 1, 1, 1, 2, 2, 5, 7, 7];
        double[] pooled = reference.Concat(current).ToArray();
        double Midrank(double v) => pooled.Count(x => x < v) + (pooled.Count(x => x == v) + 1) / 2.0;
        double u = reference.Length * reference.Select((v, i) => Math.Pow(Midrank(v) - (i + 1), 2)).Sum()
            + current.Length * current.Select((v, j) => Math.Pow(Midrank(v) - (j + 1), 2)).Sum();
        Assert.Equal(u, SortedSampleComparison.Compare(reference, current).RankDeviation, 9);
        Assert.Equal(u, PooledCells.FromSorted(reference, current).ToComparison().RankDeviation, 9);
    }

    [Fact]
    public void TiedValuesNearTheLargestDoublesHaveAFiniteWasserstein()
    {
        double[] reference = [-1e300, -1e300, 1e300, 1e300, 1e300];
        double[] current = [-1e300, 1e300, 1e300];
        double w = PooledCells.FromSorted(reference, current).ToComparison().Wasserstein;
        Assert.True(double.IsFinite(w));
        // The CDFs differ by 2/5 - 1/3 = 1/15 between the two values, 2e300 apart.
        Assert.Equal(2e300 / 15, w, 1e287);
    }

    [Fact]
    public void ManyEqualCellsGiveTheContinuousLimitWeights()
    {
        int[] pooled = Enumerable.Repeat(1, 1500).ToArray();
        (double[] weights, double remainder) = DiscreteBridgeWeights.Of(pooled);
        for (int j = 1; j <= 5; j++)
        {
            Assert.Equal(1 / (j * j * Math.PI * Math.PI), weights[j - 1], 4);
        }

        // The weights sum to the trace, 1/6 in the continuous limit.
        Assert.Equal(1.0 / 6, weights.Sum() + remainder, 3);
    }

    [Fact]
    public void TheSaddlepointTailMatchesTheCramerVonMisesLimit()
    {
        double[] weights = Enumerable.Range(1, 20).Select(j => 1 / (j * j * Math.PI * Math.PI)).ToArray();
        double remainder = 1.0 / 6 - weights.Sum();
        foreach (double x in new[] { 0.3, 0.46, 0.74, 1.17 })
        {
            double exact = 1 - CramerVonMisesLimitDistribution.Cdf(x);
            double approximate = WeightedChiSquareTail.Survival(weights, remainder, x);
            Assert.InRange(approximate / exact, 0.9, 1.1);
        }
    }

    [Fact]
    public void AConstantFeatureThatStaysConstantIsNotDrift()
    {
        DriftReport report = DriftEngine.Evaluate(
            DriftReference.Prepare([DriftColumn.Numeric("x", Enumerable.Repeat(3.0, 500).ToArray())]),
            [DriftColumn.Numeric("x", Enumerable.Repeat(3.0, 400).ToArray())]);
        Assert.False(report.Dataset.Drifted);
        Assert.Equal(1.0, report.Features[0].Verdict!.PValue);
    }

    [Fact]
    public void OneWeightIsAScaledChiSquare()
    {
        // P(0.2 X > 0.2 * 3.841459) = 0.05 for X chi-squared with one degree of freedom.
        Assert.Equal(0.05, WeightedChiSquareTail.Survival([0.2], 0, 0.2 * 3.841458820694124), 9);
    }

    [Fact]
    public void ThePermutationMidPValueIsReproducibleAndMatchesTheExactNull()
    {
        // A 2 x 2 table: the window's count of ones is hypergeometric; the exact two-sided mid-p by enumeration.
        int[] pooled = [60, 20];
        int[] window = [12, 8];
        double p1 = CountPermutationNull.MidPValue(pooled, window, 20, 60, CellStatistics.PearsonChiSquared, 20000);
        double p2 = CountPermutationNull.MidPValue(pooled, window, 20, 60, CellStatistics.PearsonChiSquared, 20000);
        Assert.Equal(p1, p2);
        // A large p-value stops early (Besag-Clifford: 10 hits), a rough but valid estimate; a small one runs every draw.
        double exact = ExactMidP(80, 20, 20, 8);
        Assert.InRange(p1, exact / 2, exact * 2);
        double small = CountPermutationNull.MidPValue(pooled, [10, 10], 20, 60, CellStatistics.PearsonChiSquared, 20000);
        double smallExact = ExactMidP(80, 20, 20, 10);
        Assert.InRange(small, smallExact * 0.8 - 0.0005, smallExact * 1.2 + 0.0005);
    }

    [Fact]
    public void ASparseTableIsNotReferredToTheChiSquaredNull()
    {
        // Rare categories (expected counts below 5 in the window) make the chi-squared null anti-conservative.
        double[] reference = [900, 60, 20, 10, 5, 5];
        double[] current = [25, 2, 1, 1, 1, 0];
        TiedTestResult result = SparseContingencyTest.Test(reference, current);
        Assert.Equal(NullMethods.Permutation, result.Method);
        TiedTestResult dense = SparseContingencyTest.Test([500, 500], [300, 280]);
        Assert.Equal(NullMethods.Asymptotic, dense.Method);
        Assert.Equal(ChiSquareContingency.TwoRows([500, 500], [300, 280]).PValue, dense.PValue);
    }

    private static double ExactMidP(int total, int ones, int drawn, int observed)
    {
        double Log(int n, int k) => MathNet.Numerics.SpecialFunctions.BinomialLn(n, k);
        double Probability(int x) => Math.Exp(Log(ones, x) + Log(total - ones, drawn - x) - Log(total, drawn));
        double expected = (double)drawn * ones / total;
        double distance = Math.Abs(observed - expected);
        double p = 0;
        for (int x = Math.Max(0, drawn - (total - ones)); x <= Math.Min(drawn, ones); x++)
        {
            double d = Math.Abs(x - expected);
            p += d > distance + 1e-9 ? Probability(x) : Math.Abs(d - distance) <= 1e-9 ? 0.5 * Probability(x) : 0;
        }

        return p;
    }
}
