using Monitor.Statistics.Drift;

namespace Monitor.Statistics.Tests.Drift;

/// <summary>
/// A tied reference counts the window per level without sorting it: the cells, and everything the engine reads
/// from them, must be what the merge of the sorted window gives.
/// </summary>
public sealed class LevelCountTests
{
    private static readonly double[] Specials = [double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1e300, -1e300];

    [Fact]
    public void CellsFromLevelCountsEqualTheMergeOfTheSortedWindow()
    {
        var random = new SeededSamples(7);
        for (int trial = 0; trial < 400; trial++)
        {
            (double[] reference, double[] window) = TiedSamples(random, trial);
            double[] sortedReference = Sorted(reference);
            PooledCells levels = PooledCells.FromSorted(sortedReference, sortedReference);
            double[] distinct = levels.Values.AsSpan(0, levels.Count).ToArray();
            int[] counts = levels.Current.AsSpan(0, levels.Count).ToArray();

            var index = new ReferenceRankIndex(distinct);
            var hits = new int[distinct.Length];
            var unseen = new double[window.Length];
            int u = index.CountLevels(window, hits, unseen);
            PooledCells fast = PooledCells.FromLevelCounts(distinct, counts, reference.Length, hits, unseen.AsSpan(0, u), window.Length);
            PooledCells merged = PooledCells.FromLevels(distinct, counts, reference.Length, Sorted(window));

            Assert.Equal(merged.Count, fast.Count);
            Assert.Equal(merged.Values.AsSpan(0, merged.Count).ToArray(), fast.Values.AsSpan(0, fast.Count).ToArray());
            Assert.Equal(merged.Pooled.AsSpan(0, merged.Count).ToArray(), fast.Pooled.AsSpan(0, fast.Count).ToArray());
            Assert.Equal(merged.Current.AsSpan(0, merged.Count).ToArray(), fast.Current.AsSpan(0, fast.Count).ToArray());
        }
    }

    [Fact]
    public void EngineOnATiedReferenceReportsWhatTheSortedWindowGives()
    {
        var random = new SeededSamples(11);
        for (int trial = 0; trial < 60; trial++)
        {
            (double[] reference, double[] window) = TiedSamples(random, trial, finite: true);
            if (trial % 3 == 0)
            {
                window[random.Next(0, window.Length)] = double.NaN;
            }

            DriftReference prepared = DriftReference.Prepare([DriftColumn.Numeric("x", reference)]);
            var feature = (NumericReferenceFeature)prepared.Features[0];
            Assert.NotNull(feature.LevelIndex);
            FeatureDriftReport report = DriftEngine.Evaluate(prepared, [DriftColumn.Numeric("x", window)]).Features[0];

            double[] present = Sorted(window.Where(v => !double.IsNaN(v)).ToArray());
            KolmogorovSmirnovResult ks = KolmogorovSmirnovTest.TwoSampleSorted(feature.Sorted, present);
            DriftTestResult reportedKs = report.Tests.Single(t => t.Test == DriftTest.KolmogorovSmirnov);
            Assert.Equal(ks.Statistic, reportedKs.Statistic);
            Assert.Equal(ks.PValue, reportedKs.PValue);
            Assert.Equal(WassersteinDistance.BetweenSorted(feature.Sorted, present), report.Tests.Single(t => t.Test == DriftTest.Wasserstein).Statistic, 12);

            int outside = present.Count(v => v < feature.Min || v > feature.Max);
            Assert.Equal((double)outside / present.Length, report.OutOfRangeShare);

            double[] referenceCounts, currentCounts;
            if (feature.IsCountBased)
            {
                referenceCounts = [.. feature.DistinctCounts, .. present.Where(v => Array.BinarySearch(feature.DistinctValues, v) < 0).Distinct().Select(_ => 0.0)];
                currentCounts = [.. feature.DistinctValues.Select(d => (double)present.Count(v => v == d)),
                    .. present.Where(v => Array.BinarySearch(feature.DistinctValues, v) < 0).GroupBy(v => v).Select(g => (double)g.Count())];
            }
            else
            {
                referenceCounts = feature.BinCounts;
                currentCounts = new double[feature.BinEdges.Length + 1];
                foreach (double v in present)
                {
                    int bin = 0;
                    while (bin < feature.BinEdges.Length && v > feature.BinEdges[bin])
                    {
                        bin++;
                    }

                    currentCounts[bin]++;
                }
            }

            Assert.Equal(PopulationStabilityIndex.FromCounts(referenceCounts, currentCounts), report.Tests.Single(t => t.Test == DriftTest.Psi).Statistic, 12);
            Assert.Equal(JensenShannonDistance.Base2(referenceCounts, currentCounts), report.Tests.Single(t => t.Test == DriftTest.JensenShannon).Statistic, 12);
        }
    }

    private static (double[] Reference, double[] Window) TiedSamples(SeededSamples random, int trial, bool finite = false)
    {
        int n1 = random.Next(30, 1500);
        int n2 = random.Next(30, 1500);
        double shift = random.Uniform() < 0.5 ? 0 : 0.3;
        (double[] reference, double[] window) = (trial % 4) switch
        {
            0 => (random.Integers(n1, 0, 4), random.Integers(n2, 0, 6)),                            // few levels, unseen values
            1 => (Round(random.Normal(n1), 1), Round(random.Normal(n2, shift), 1)),                // rounded
            2 => (Round(random.Normal(n1), 1), random.Normal(n2, shift)),                          // a continuous window
            _ => (Zeros(random, Round(random.Normal(n1), 2)), Zeros(random, Round(random.Normal(n2, shift), 2))), // zero-inflated
        };
        if (trial % 5 == 0)
        {
            reference = [.. reference.Select(_ => 2.0)]; // a constant reference
        }

        if (!finite && trial % 3 == 0)
        {
            window[random.Next(0, n2)] = Specials[random.Next(0, Specials.Length)];
            reference[random.Next(0, n1)] = Specials[random.Next(0, Specials.Length)];
            reference[random.Next(0, n1)] = reference[0];
        }

        return (reference, window);
    }

    private static double[] Round(double[] values, int digits) => [.. values.Select(v => Math.Round(v, digits))];

    private static double[] Zeros(SeededSamples random, double[] values) => [.. values.Select(v => random.Uniform() < 0.4 ? 0.0 : v)];

    private static double[] Sorted(double[] values)
    {
        double[] copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }
}
