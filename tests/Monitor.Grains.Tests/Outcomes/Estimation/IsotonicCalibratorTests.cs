using Monitor.Grains.Outcomes.Estimation;

namespace Monitor.Grains.Tests.Outcomes.Estimation;

public sealed class IsotonicCalibratorTests
{
    [Fact]
    public void Fit_and_interpolation_match_scikit_learn()
    {
        // sklearn 1.2 IsotonicRegression(out_of_bounds="clip").fit(x, y).predict(q), ties in x included.
        double[] x = [0.55, 0.6, 0.6, 0.7, 0.7, 0.7, 0.8, 0.9, 0.95, 0.95, 1.0, 1.0, 1.0];
        bool[] y = [true, false, true, false, false, true, true, false, true, true, true, true, false];
        double[] q = [0.5, 0.55, 0.58, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.99, 1.0, 1.2];
        double[] expected = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.68, 0.8, 0.8, 0.8, 0.8];

        var calibrator = IsotonicCalibrator.Fit(x, y)!;

        for (var i = 0; i < q.Length; i++)
        {
            Assert.Equal(expected[i], calibrator.Apply(q[i]), 12);
        }
    }

    [Fact]
    public void Row_order_does_not_change_the_fit()
    {
        double[] x = [0.9, 0.6, 0.9, 0.6, 0.8, 0.9];
        bool[] y = [true, false, false, true, true, true];
        var forward = IsotonicCalibrator.Fit(x, y)!;
        var backward = IsotonicCalibrator.Fit([.. x.Reverse()], [.. y.Reverse()])!;

        Assert.Equal(forward.Points, backward.Points);
        Assert.Equal(forward.Fitted, backward.Fitted);
    }

    [Fact]
    public void Random_fits_are_monotone_bounded_and_keep_the_mean()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = random.Next(1, 400);
            var x = new double[n];
            var y = new bool[n];
            for (var i = 0; i < n; i++)
            {
                // Rounded confidences: many ties, as real models give.
                x[i] = Math.Round(random.NextDouble(), random.Next(1, 4));
                y[i] = random.NextDouble() < x[i] * 0.8;
            }

            var calibrator = IsotonicCalibrator.Fit(x, y)!;
            for (var k = 1; k < calibrator.Fitted.Count; k++)
            {
                Assert.True(calibrator.Fitted[k] >= calibrator.Fitted[k - 1] - 1e-12);
            }

            Assert.All(calibrator.Fitted, v => Assert.InRange(v, 0, 1));

            // Pooling keeps each block's mean, so the fitted values average to the share of right rows.
            var fittedMean = x.Average(calibrator.Apply);
            Assert.Equal(y.Count(r => r) / (double)n, fittedMean, 9);
        }
    }

    [Fact]
    public void An_over_confident_model_is_pulled_down_to_its_accuracy()
    {
        // Every confidence is 0.99 while 70% are right: the calibrated probability is 0.7 everywhere.
        var x = Enumerable.Repeat(0.99, 100).ToArray();
        var y = Enumerable.Range(0, 100).Select(i => i % 10 < 7).ToArray();

        var calibrator = IsotonicCalibrator.Fit(x, y)!;

        Assert.Equal(0.7, calibrator.Apply(0.99), 12);
        Assert.Equal(0.7, calibrator.Apply(0.2), 12);
    }

    [Fact]
    public void No_finite_confidence_gives_no_calibrator_and_lengths_must_agree()
    {
        Assert.Null(IsotonicCalibrator.Fit([double.NaN, double.NaN], [true, false]));
        Assert.Throws<ArgumentException>(() => IsotonicCalibrator.Fit([0.5], [true, false]));
        Assert.True(double.IsNaN(IsotonicCalibrator.Fit([0.5], [true])!.Apply(double.NaN)));
    }
}
