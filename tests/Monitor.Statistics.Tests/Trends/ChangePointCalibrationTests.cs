using Monitor.Statistics.Trends;
using Monitor.Trends.Calibration;

namespace Monitor.Statistics.Tests.Trends;

/// <summary>
/// The detector's false alarms and detection delay by seeded simulation (short runs of the study in
/// <c>benchmarks/ChangePointCalibration</c>; the figures of docs/trends.md come from longer ones).
/// </summary>
public sealed class ChangePointCalibrationTests
{
    private static readonly PageHinkleyDetector Detector = new(PageHinkleyOptions.Default);

    [Theory]
    [InlineData("gaussian")]
    [InlineData("student_t3")]
    [InlineData("lognormal")]
    [InlineData("poisson3")]
    public void Independent_stationary_series_raise_at_most_one_false_alarm_per_10000_points(string family)
    {
        var rate = ChangePointTrials.FalseAlarmsPer10K(Detector, StationarySeries.Named(family), 10_000, 4, seed: 20261202);
        Assert.True(rate <= 1.0, $"{family}: {rate:0.00} false alarms per 10,000 points");

        // What a rule sees: a fresh window of 60 points at each evaluation.
        var share = ChangePointTrials.WindowFalseAlarmShare(Detector, StationarySeries.Named(family), 60, 1000, seed: 7);
        Assert.True(share <= 0.01, $"{family}: {share:P1} of 60-point windows with a false alarm");
    }

    [Fact]
    public void Autocorrelated_series_raise_more_false_alarms_as_documented()
    {
        var independent = ChangePointTrials.FalseAlarmsPer10K(Detector, StationarySeries.Named("gaussian"), 10_000, 4, seed: 11);
        var autocorrelated = ChangePointTrials.FalseAlarmsPer10K(Detector, StationarySeries.Named("ar1_phi0.5"), 10_000, 4, seed: 11);
        Assert.True(autocorrelated > independent + 2, $"AR(1): {autocorrelated:0.00}, independent: {independent:0.00} per 10,000 points");
    }

    [Theory]
    [InlineData("gaussian", 2.0)]
    [InlineData("gaussian", -2.0)]
    [InlineData("student_t3", 2.0)]
    [InlineData("poisson3", 3.0)]
    public void A_step_of_two_standard_deviations_is_found_within_ten_points(string family, double step)
    {
        var (detected, medianDelay) = ChangePointTrials.StepDetection(Detector, StationarySeries.Named(family), step, 100, 100, 400, seed: 3);
        Assert.True(detected >= 0.97, $"{family}, step {step}: detected in {detected:P1} of trials");
        Assert.InRange(medianDelay, 1, 10);
    }
}
