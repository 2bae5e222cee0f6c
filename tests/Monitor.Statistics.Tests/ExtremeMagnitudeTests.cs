using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Statistics.Tests;

/// <summary>
/// Values near ±1e300 and ±1e308: the Wasserstein distance and the standard deviation stay finite and equal to scipy's
/// (values made by integer formulas, so numpy and .NET hold the same doubles), and a window from the reference's own
/// distribution is never called drifted by a Wasserstein verdict.
/// </summary>
public sealed class ExtremeMagnitudeTests
{
    private static double[] Spread(int n, int multiplier, int modulus, double centre, double unit, double shift = 0) =>
        [.. Enumerable.Range(0, n).Select(i => (((long)i * multiplier % modulus) - centre) * unit + shift)];

    [Theory]
    [InlineData(2e297, 1e299, 7.716e+298)] // values up to 1e300
    [InlineData(3e305, 0.0, 3.432124999999999e+306)] // up to 1.5e308: the steps between them overflow a double
    public void Wasserstein_distance_is_finite_and_scipys(double unit, double shift, double scipy)
    {
        double[] u = Spread(800, 7919, 1000, 499.5, unit);
        double[] v = Spread(300, 104729, 997, 498.0, unit, shift);

        double distance = WassersteinDistance.Between(u, v);

        Assert.True(double.IsFinite(distance));
        Assert.True(Math.Abs(distance - scipy) <= 1e-9 * scipy, $"{distance:R} vs scipy {scipy:R}");
        Assert.Equal(distance, WassersteinDistance.Between(v, u), 1e-9 * scipy);
    }

    [Fact]
    public void The_standard_deviation_of_values_near_1e300_is_finite()
    {
        SampleMoments moments = SampleMoments.Of(Spread(800, 7919, 1000, 499.5, 2e297));

        const double numpy = 5.768810535977066e+299; // np.std(u / 2e297) * 2e297
        Assert.True(Math.Abs(moments.StandardDeviation(0) - numpy) <= 1e-9 * numpy, $"{moments.StandardDeviation(0):R}");
        Assert.True(Math.Abs(moments.Mean - -5e296) <= 1e-9 * 5e296, $"{moments.Mean:R}"); // np.mean(u)
        Assert.True(double.IsPositiveInfinity(moments.Variance(0)));
    }

    [Fact]
    public void A_window_from_the_references_distribution_near_1e300_is_not_called_drifted()
    {
        double[] reference = Spread(800, 7919, 1000, 499.5, 2e297);
        double[] window = Spread(300, 104729, 1000, 499.5, 2e297);
        DriftReference prepared = DriftReference.Prepare([DriftColumn.Numeric("x", reference)]);

        foreach (DriftTest test in new[] { DriftTest.WassersteinNormed, DriftTest.Wasserstein })
        {
            var options = new DriftOptions { FeatureTests = new Dictionary<string, DriftTest> { ["x"] = test } };
            DriftReport report = DriftEngine.Evaluate(prepared, [DriftColumn.Numeric("x", window)], options);

            FeatureDriftReport x = report.Features.Single();
            Assert.Equal(test, x.Verdict!.Test);
            Assert.False(x.Verdict.Drifted);
            Assert.False(report.Dataset.Drifted);
            Assert.All(x.Tests, t => Assert.True(double.IsFinite(t.Statistic) && double.IsFinite(t.Threshold), $"{t.Test}: {t.Statistic} / {t.Threshold}"));
            Assert.All(x.Tests.Where(t => t.Test is DriftTest.Wasserstein or DriftTest.WassersteinNormed), t => Assert.False(t.Drifted));
            DriftTestResult raw = x.Tests.Single(t => t.Test == DriftTest.Wasserstein);
            Assert.True(Math.Abs(raw.Statistic - 3.833333333333333e+297) <= 1e-9 * 3.833333333333333e+297, $"{raw.Statistic:R}");
        }
    }
}
