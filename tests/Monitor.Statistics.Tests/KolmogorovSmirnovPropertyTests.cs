using Monitor.Statistics;

namespace Monitor.Statistics.Tests;

/// <summary>Invariants of the two-sample KS test over many seeded random inputs.</summary>
public sealed class KolmogorovSmirnovPropertyTests
{
    private static IEnumerable<(double[] A, double[] B)> Samples(int seed, int count)
    {
        var random = new SeededSamples(seed);
        for (int i = 0; i < count; i++)
        {
            int n1 = random.Next(1, 400);
            int n2 = random.Next(1, 400);
            bool ties = random.Uniform() < 0.3;
            double shift = random.Uniform() < 0.5 ? 0 : random.Uniform();
            double[] a = ties ? random.Integers(n1, 0, 8) : random.Normal(n1);
            double[] b = ties ? random.Integers(n2, 0, 8) : random.Normal(n2, shift);
            yield return (a, b);
        }
    }

    [Theory]
    [InlineData(KolmogorovSmirnovMethod.Auto)]
    [InlineData(KolmogorovSmirnovMethod.Exact)]
    [InlineData(KolmogorovSmirnovMethod.Asymptotic)]
    public void IsSymmetricInItsSamplesAndGivesAProbability(KolmogorovSmirnovMethod method)
    {
        foreach ((double[] a, double[] b) in Samples(17, 150))
        {
            KolmogorovSmirnovResult ab = KolmogorovSmirnovTest.TwoSample(a, b, method);
            KolmogorovSmirnovResult ba = KolmogorovSmirnovTest.TwoSample(b, a, method);
            Assert.Equal(ab.Statistic, ba.Statistic, 12);
            Assert.Equal(ab.PValue, ba.PValue, 12);
            Assert.InRange(ab.PValue, 0.0, 1.0);
            Assert.InRange(ab.Statistic, 0.0, 1.0);
        }
    }

    [Fact]
    public void IdenticalSamplesGivePValueOne()
    {
        foreach ((double[] a, _) in Samples(23, 60))
        {
            foreach (KolmogorovSmirnovMethod method in Enum.GetValues<KolmogorovSmirnovMethod>())
            {
                KolmogorovSmirnovResult r = KolmogorovSmirnovTest.TwoSample(a, (double[])a.Clone(), method);
                Assert.Equal(0.0, r.Statistic);
                Assert.Equal(1.0, r.PValue);
            }
        }
    }

    [Fact]
    public void AShiftBeyondTheRangeGivesStatisticOne()
    {
        foreach ((double[] a, double[] b) in Samples(29, 60))
        {
            double beyond = a.Max() - b.Min() + 1.0;
            double[] shifted = b.Select(v => v + beyond).ToArray();
            KolmogorovSmirnovResult r = KolmogorovSmirnovTest.TwoSample(a, shifted);
            Assert.Equal(1.0, r.Statistic);
            Assert.InRange(r.PValue, 0.0, 1.0);
            if (a.Length >= 10 && b.Length >= 10)
            {
                Assert.True(r.PValue < 0.01, $"p = {r.PValue} for n1 = {a.Length}, n2 = {b.Length}");
            }
        }
    }
}
