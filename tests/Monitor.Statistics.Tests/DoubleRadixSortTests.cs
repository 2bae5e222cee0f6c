using Monitor.Statistics;

namespace Monitor.Statistics.Tests;

public sealed class DoubleRadixSortTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(191)]
    [InlineData(192)]
    [InlineData(1000)]
    [InlineData(25000)]
    public void SortsLikeArraySort(int n)
    {
        var random = new SeededSamples(n + 1);
        double[] values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (i % 7) switch
            {
                0 => random.Normal() * 1e-300,
                1 => Math.Round(random.Normal() * 3),
                2 => -random.Uniform() * 1e12,
                3 => 0.0,
                4 => i % 14 == 4 ? double.PositiveInfinity : double.NegativeInfinity,
                _ => random.Normal(),
            };
        }

        double[] expected = (double[])values.Clone();
        Array.Sort(expected);
        DoubleRadixSort.Sort(values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void SortsSameExponentValues()
    {
        var random = new SeededSamples(5);
        double[] values = Enumerable.Range(0, 5000).Select(_ => 1.0 + random.Uniform()).ToArray();
        double[] expected = (double[])values.Clone();
        Array.Sort(expected);
        DoubleRadixSort.Sort(values);
        Assert.Equal(expected, values);
    }
}
