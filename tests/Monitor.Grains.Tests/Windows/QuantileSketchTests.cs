using Monitor.Grains.Windows;

namespace Monitor.Grains.Tests.Windows;

public sealed class QuantileSketchTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void Quantiles_are_within_one_percent_of_the_sample_at_their_rank(double q)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => Gamma(random, 2, 15)).ToArray();
        var sketch = new QuantileSketch();
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        Array.Sort(values);
        var atRank = values[(int)Math.Floor(q * (values.Length - 1))];
        Assert.InRange(Math.Abs(sketch.Quantile(q) - atRank) / atRank, 0, 0.01);
    }

    [Fact]
    public void Count_sum_min_max_are_exact_and_merge_equals_adding_everything()
    {
        var a = new QuantileSketch();
        var b = new QuantileSketch();
        var all = new QuantileSketch();
        double[] values = [-3.5, 0, 0.25, 12, 1e6, -0.001];
        for (var i = 0; i < values.Length; i++)
        {
            (i % 2 == 0 ? a : b).Add(values[i]);
            all.Add(values[i]);
        }

        a.Merge(b);
        Assert.Equal(values.Length, a.Count);
        Assert.Equal(values.Sum(), a.Sum, 9);
        Assert.Equal(-3.5, a.Min);
        Assert.Equal(1e6, a.Max);
        foreach (var q in new[] { 0.0, 0.2, 0.5, 0.8, 1.0 })
        {
            Assert.Equal(all.Quantile(q), a.Quantile(q));
        }

        Assert.Equal(-3.5, a.Quantile(0));
        Assert.Equal(1e6, a.Quantile(1));
    }

    [Fact]
    public void Few_samples_interpolate_like_numpy()
    {
        var sketch = new QuantileSketch();
        sketch.Add(11.05);
        sketch.Add(64.13);
        sketch.Add(-2);

        // numpy: np.quantile([-2, 11.05, 64.13], [0.25, 0.75]) = [4.525, 37.59]
        Assert.InRange(sketch.Quantile(0.25), 4.525 * 0.99, 4.525 * 1.01);
        Assert.InRange(sketch.Quantile(0.75), 37.59 * 0.99, 37.59 * 1.01);
    }

    [Fact]
    public void Empty_sketch_answers_nan()
    {
        Assert.True(double.IsNaN(new QuantileSketch().Quantile(0.5)));
    }

    [Fact]
    public void Groups_list_the_bins_in_ascending_order_with_their_counts_within_the_relative_error()
    {
        var sketch = new QuantileSketch();
        double[] values = [10, -5, 2, 0, -1, 2, 0, -5, 1000];
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        var (representatives, counts) = sketch.Groups();

        double[] distinct = [-5, -1, 0, 2, 10, 1000];
        Assert.Equal(distinct.Length, representatives.Length);
        Assert.Equal([2L, 1, 2, 2, 1, 1], counts);
        for (var i = 0; i < distinct.Length; i++)
        {
            Assert.InRange(representatives[i], distinct[i] - (Math.Abs(distinct[i]) * QuantileSketch.RelativeAccuracy), distinct[i] + (Math.Abs(distinct[i]) * QuantileSketch.RelativeAccuracy));
        }
    }

    private static double Gamma(Random random, int shape, double scale)
    {
        // The sum of `shape` exponentials is gamma(shape, scale) for whole shapes.
        var sum = 0.0;
        for (var i = 0; i < shape; i++)
        {
            sum -= Math.Log(1 - random.NextDouble());
        }

        return sum * scale;
    }
}
