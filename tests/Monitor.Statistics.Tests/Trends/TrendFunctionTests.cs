using Monitor.Statistics.Trends;

namespace Monitor.Statistics.Tests.Trends;

/// <summary>The averaging and slope functions of trend rules against values worked by hand.</summary>
public sealed class TrendFunctionTests
{
    private static SeriesPoint At(double minutes, double value) => new((long)(minutes * 60_000), value);

    [Fact]
    public void Moving_average_is_the_plain_mean_of_the_finite_values()
    {
        Assert.Equal(3.0, MovingAverage.Of([At(0, 1), At(1, 2), At(2, 3), At(3, double.NaN), At(4, 6)]), 12);
        Assert.Equal(5.0, MovingAverage.Of([At(0, 5)]), 12);
        Assert.True(double.IsNaN(MovingAverage.Of([])));
        Assert.True(double.IsNaN(MovingAverage.Of([At(0, double.PositiveInfinity)])));
    }

    [Fact]
    public void Moving_average_of_many_tied_large_values_stays_exact()
    {
        var points = Enumerable.Range(0, 8640).Select(i => At(i / 6.0, 1e9 + 0.1)).ToArray();
        Assert.Equal(1e9 + 0.1, MovingAverage.Of(points), 6);
    }

    [Fact]
    public void Exponential_average_halves_the_weight_every_half_life_of_time()
    {
        // s0 = 0; one half-life later alpha = 1/2: s1 = 4; two half-lives later alpha = 3/4: s2 = 4 + 0.75 (0 - 4) = 1.
        Assert.Equal(1.0, ExponentialAverage.Of([At(0, 0), At(1, 8), At(3, 0)], TimeSpan.FromMinutes(1)), 12);

        // A gap is forgetting, not a missing step: the same points one per half-life, with a NaN between, give the same.
        Assert.Equal(1.0, ExponentialAverage.Of([At(0, 0), At(1, 8), At(2, double.NaN), At(3, 0)], TimeSpan.FromMinutes(1)), 12);
        Assert.Equal(7.0, ExponentialAverage.Of([At(0, 7)], TimeSpan.FromMinutes(5)), 12);
        Assert.True(double.IsNaN(ExponentialAverage.Of([], TimeSpan.FromMinutes(5))));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialAverage.Of([At(0, 1)], TimeSpan.Zero));
    }

    [Fact]
    public void Exponential_average_of_a_constant_is_the_constant()
    {
        var points = Enumerable.Range(0, 100).Select(i => At(i * 0.37, 42.5)).ToArray();
        Assert.Equal(42.5, ExponentialAverage.Of(points, TimeSpan.FromMinutes(3)), 12);
    }

    [Fact]
    public void Slope_is_the_least_squares_slope_per_hour()
    {
        // One unit per half hour.
        Assert.Equal(2.0, LeastSquaresSlope.PerHour([At(0, 1), At(30, 2), At(60, 3)]), 12);

        // Uneven times 0 h, 1 h, 3 h with values 1, 3, 5: x̄ = 4/3, ȳ = 3, Sxy = 6, Sxx = 14/3, slope = 9/7.
        Assert.Equal(9.0 / 7.0, LeastSquaresSlope.PerHour([At(0, 1), At(60, 3), At(180, 5)]), 12);

        // A falling figure has a negative slope; a flat one none.
        Assert.Equal(-0.6, LeastSquaresSlope.PerHour([At(0, 0.9), At(10, 0.8), At(20, 0.7)]), 12);
        Assert.Equal(0.0, LeastSquaresSlope.PerHour([At(0, 4), At(10, 4), At(20, 4)]), 12);
    }

    [Fact]
    public void Slope_needs_two_times()
    {
        Assert.True(double.IsNaN(LeastSquaresSlope.PerHour([])));
        Assert.True(double.IsNaN(LeastSquaresSlope.PerHour([At(0, 1)])));
        Assert.True(double.IsNaN(LeastSquaresSlope.PerHour([At(5, 1), At(5, 2)])));
        Assert.Equal(60.0, LeastSquaresSlope.PerHour([At(0, 0), At(double.NaN, double.NaN), At(1, 1)]), 9);
    }

    [Fact]
    public void Slope_keeps_its_precision_at_unix_times_of_today()
    {
        var start = DateTimeOffset.Parse("2026-12-02T03:00:00Z").ToUnixTimeMilliseconds();
        var points = Enumerable.Range(0, 360).Select(i => new SeriesPoint(start + (i * 10_000L), 250 + (i * 10 / 360.0))).ToArray();
        Assert.Equal(10.0, LeastSquaresSlope.PerHour(points), 9);
    }
}
