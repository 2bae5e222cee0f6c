using Monitor.Statistics;

namespace Monitor.Statistics.Tests;

/// <summary>The rank-index path must sort the window and give the same comparison as the plain merge.</summary>
public sealed class ReferenceRankIndexTests
{
    [Fact]
    public void AgreesWithTheMergeOnRandomSamples()
    {
        var random = new SeededSamples(41);
        int fast = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            int n1 = random.Next(1, 1500);
            int n2 = trial % 4 == 0 ? n1 : trial % 7 == 0 ? random.Next(4096, 6000) : random.Next(1, 1500);
            int kind = trial % 5;
            double[] reference = kind switch
            {
                0 => random.Normal(n1),
                1 => random.Normal(n1).Select(Math.Exp).ToArray(),            // skewed: crowded buckets
                2 => random.Integers(n1, 0, 20),                             // ties
                3 => random.Normal(n1).Select(v => Math.Round(v, 2)).ToArray(),
                _ => random.Normal(n1).Select(v => v * 1e-9 + 1e6).ToArray(), // narrow range far from zero
            };
            double shift = random.Uniform() < 0.5 ? 0 : random.Normal();
            double[] window = kind switch
            {
                0 => random.Normal(n2, shift, 1 + random.Uniform()),
                1 => random.Normal(n2, shift).Select(Math.Exp).ToArray(),
                2 => random.Integers(n2, 0, 25),
                3 => random.Normal(n2, shift).Select(v => Math.Round(v, 2)).ToArray(),
                _ => random.Normal(n2, shift).Select(v => v * 1e-9 + 1e6).ToArray(),
            };

            double[] sortedReference = (double[])reference.Clone();
            Array.Sort(sortedReference);
            var index = new ReferenceRankIndex(sortedReference);
            var sorted = new double[n2];
            bool ok = index.TrySortAndCompare(window, sorted, new double[n2], new int[2 * n2], new int[n1 + 2], out SortedSampleComparison viaIndex);

            double[] expectedSorted = (double[])window.Clone();
            Array.Sort(expectedSorted);
            Assert.Equal(expectedSorted, sorted);

            SortedSampleComparison merged = SortedSampleComparison.Compare(sortedReference, expectedSorted);
            if (!ok)
            {
                continue;
            }

            fast++;
            Assert.Equal(merged.MaxScaledGap, viaIndex.MaxScaledGap);
            Assert.Equal(merged.MinScaledGap, viaIndex.MinScaledGap);
            Assert.Equal(merged.KolmogorovSmirnovStatistic, viaIndex.KolmogorovSmirnovStatistic, 15);
            Assert.Equal(merged.RankDeviation, viaIndex.RankDeviation);
            Assert.Equal(1.0, viaIndex.Wasserstein / merged.Wasserstein, 10);
        }

        Assert.True(fast > 100, $"only {fast} trials took the tie-free path");
    }

    [Fact]
    public void FindsTiesWithinTheWindowAndWithAnUntiedReference()
    {
        var random = new SeededSamples(43);
        for (int trial = 0; trial < 200; trial++)
        {
            int n1 = random.Next(30, 1500);
            int n2 = random.Next(30, 1500);
            double[] reference = random.Normal(n1);
            Array.Sort(reference);
            double[] window = random.Normal(n2);
            // One tie: two equal window values (possibly -0.0 and 0.0), or a window value equal to a reference value.
            int at = random.Next(0, n2);
            switch (trial % 3)
            {
                case 0:
                    window[(at + 1) % n2] = window[at];
                    break;
                case 1:
                    window[at] = reference[random.Next(0, n1)];
                    break;
                default:
                    (window[at], window[(at + 1) % n2]) = (-0.0, 0.0);
                    break;
            }

            var index = new ReferenceRankIndex(reference);
            var sorted = new double[n2];
            bool ok = index.TrySortAndCompare(window, sorted, new double[n2], new int[2 * n2], new int[n1 + 2], out _);
            Assert.False(ok, $"trial {trial}: a tie was missed");
            double[] expected = (double[])window.Clone();
            Array.Sort(expected);
            Assert.Equal(expected, sorted);
        }
    }

    [Fact]
    public void HandlesAConstantReference()
    {
        var index = new ReferenceRankIndex([2.0, 2.0, 2.0]);
        Assert.Equal(0, index.CountBelow(1.0));
        Assert.Equal(0, index.CountBelow(2.0));
        Assert.Equal(3, index.CountBelow(2.5));
        var sorted = new double[3];
        Assert.False(index.TrySortAndCompare([3.0, 1.0, 2.0], sorted, new double[3], new int[6], new int[5], out _));
        Assert.Equal([1.0, 2.0, 3.0], sorted);
    }
}
