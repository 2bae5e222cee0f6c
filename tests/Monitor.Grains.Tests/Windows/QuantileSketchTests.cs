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

    [Theory]
    [InlineData(1e-15)]
    [InlineData(1e-12)]
    [InlineData(3e-10)]
    [InlineData(1.0)]
    [InlineData(1e-300)]
    [InlineData(1e300)]
    public void The_half_percent_bound_holds_at_any_positive_magnitude_including_sub_nanosecond(double scale)
    {
        var random = new Random(13);
        var values = Enumerable.Range(0, 5_000).Select(_ => scale * Gamma(random, 2, 15)).ToArray();
        var sketch = new QuantileSketch();
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        Array.Sort(values);
        foreach (var q in new[] { 0.05, 0.25, 0.5, 0.9, 0.95, 0.99 })
        {
            var numpy = Monitor.Statistics.LinearQuantile.OfSorted(values, q);
            var relative = Math.Abs(sketch.Quantile(q) - numpy) / numpy;
            Assert.True(relative <= QuantileSketch.RelativeAccuracy * (1 + 1e-9), $"q {q} at scale {scale:G3}: off by {relative:P3}");
        }
    }

    [Fact]
    public void Latency_moments_give_scipys_welch_p_when_the_mean_is_large_against_the_spread()
    {
        // Latencies of 1e5 ms within about 0.1 ms, where Σx² − (Σx)²/n loses three digits of the variance.
        var a = new QuantileSketch();
        var firstHalf = new QuantileSketch();
        var secondHalf = new QuantileSketch();
        for (var i = 0; i < 600; i++)
        {
            a.Add(1e5 + (((i * 7919 % 1000) - 499.5) * 3.5e-4));
        }

        for (var i = 0; i < 450; i++)
        {
            (i < 200 ? firstHalf : secondHalf).Add(1e5 + 0.015 + (((i * 104729 % 997) - 498.0) * 3.5e-4));
        }

        var b = new QuantileSketch();
        b.Merge(firstHalf);
        b.Merge(secondHalf);

        var welch = Monitor.Grains.Outcomes.Comparison.MeanComparison.Welch(Moments(a), Moments(b));

        const double scipyP = 0.054560652866042766, scipyT = -1.924686121796206; // scipy.stats.ttest_ind(a, b, equal_var=False), scipy 1.10
        Assert.True(Math.Abs(welch.PValue - scipyP) <= 1e-6 * scipyP, $"p {welch.PValue:R}, scipy {scipyP:R}");
        Assert.True(Math.Abs(welch.T - scipyT) <= 1e-6 * Math.Abs(scipyT), $"t {welch.T:R}, scipy {scipyT:R}");

        static Monitor.Grains.Outcomes.Moments Moments(QuantileSketch s) => new(s.Count, s.Sum, s.SumOfSquares, s.SquaredDeviations);
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
