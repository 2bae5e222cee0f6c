using Monitor.Statistics.Trends;
using Monitor.Trends.Calibration;

namespace Monitor.Statistics.Tests.Trends;

public sealed class PageHinkleyDetectorTests
{
    private static readonly PageHinkleyOptions Small = new() { Warmup = 3, Delta = 0.5, Lambda = 2, Clip = 3 };

    [Fact]
    public void A_step_is_found_where_its_sum_left_zero_worked_by_hand()
    {
        // Warm-up 0, 1, -1: median 0; scale = max(MAD 1 / 0.6745, sd 1, median |diff| 1 / (0.6745 √2)) = 1.4826.
        // t = 3 (x 0): z 0, running mean 0, both sums stay 0.
        // t = 4 (x 4): z 2.698, mean 0.540, U = 2.698 - 0.540 - 0.5 = 1.658 (leaves zero here).
        // t = 5 (x 4): z 2.698, mean 0.899, U = 1.658 + 2.698 - 0.899 - 0.5 = 2.957 > 2: alarm, up, from t = 4.
        // The rest (4, 4, 4) is one warm-up long: nothing more to judge.
        var changes = new PageHinkleyDetector(Small).Detect(ChangePointTrials.Points([0, 1, -1, 0, 4, 4, 4]));
        var change = Assert.Single(changes);
        Assert.Equal(4, change.Index);
        Assert.Equal(4 * 60_000, change.TimeMs);
        Assert.Equal(5 * 60_000, change.DetectedAtMs);
        Assert.Equal(ChangeDirection.Up, change.Direction);
        Assert.Equal(0.0, change.Before, 12);
        Assert.Equal(4.0, change.After, 12);
        Assert.Equal(4.0, change.Magnitude, 12);
    }

    [Fact]
    public void A_fall_is_found_downwards_and_a_series_with_two_shifts_reports_both()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 180).Select(i => (i < 60 ? 100.0 : i < 120 ? 80.0 : 110.0) + StationarySeries.Normal(random)).ToArray();
        var changes = new PageHinkleyDetector(PageHinkleyOptions.Default).Detect(ChangePointTrials.Points(x));
        Assert.Equal(2, changes.Count);
        Assert.Equal(ChangeDirection.Down, changes[0].Direction);
        Assert.InRange(changes[0].Index, 57, 61);
        Assert.InRange(changes[0].Magnitude, -21, -19);
        Assert.Equal(ChangeDirection.Up, changes[1].Direction);
        Assert.InRange(changes[1].Index, 117, 121);
        Assert.InRange(changes[1].Magnitude, 28, 32);
    }

    [Fact]
    public void One_outlier_is_not_a_change()
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, 60).Select(_ => 200 + (10 * StationarySeries.Normal(random))).ToArray();
        x[40] = 1e6;
        Assert.Empty(new PageHinkleyDetector(PageHinkleyOptions.Default).Detect(ChangePointTrials.Points(x)));
    }

    [Fact]
    public void A_constant_series_has_no_change_until_it_moves_for_good()
    {
        var detector = new PageHinkleyDetector(PageHinkleyOptions.Default);
        Assert.Empty(detector.Detect(ChangePointTrials.Points(Enumerable.Repeat(0.0, 100).ToArray())));

        // An error rate of exactly 0 that becomes 2%: found within a few steps of the rise.
        var x = Enumerable.Range(0, 60).Select(i => i < 40 ? 0.0 : 0.02).ToArray();
        var change = Assert.Single(detector.Detect(ChangePointTrials.Points(x)));
        Assert.Equal(40, change.Index);
        Assert.InRange(change.DetectedAtMs / 60_000, 40, 45);
        Assert.Equal(0.02, change.Magnitude, 12);

        // One blip of a constant series is not.
        x = Enumerable.Repeat(0.0, 60).ToArray();
        x[45] = 0.5;
        Assert.Empty(detector.Detect(ChangePointTrials.Points(x)));
    }

    [Fact]
    public void Too_short_or_non_finite_series_have_no_change()
    {
        var detector = new PageHinkleyDetector(PageHinkleyOptions.Default);
        Assert.Empty(detector.Detect([]));
        Assert.Empty(detector.Detect(ChangePointTrials.Points([.. Enumerable.Repeat(1.0, 10), .. Enumerable.Repeat(9.0, 10)])));
        Assert.Empty(detector.Detect(ChangePointTrials.Points([.. Enumerable.Repeat(double.NaN, 100)])));
    }

    [Fact]
    public void Options_are_checked()
    {
        Assert.Null(PageHinkleyOptions.Default.Problem());
        Assert.NotNull((PageHinkleyOptions.Default with { Warmup = 2 }).Problem());
        Assert.NotNull((PageHinkleyOptions.Default with { Lambda = 0 }).Problem());
        Assert.NotNull((PageHinkleyOptions.Default with { Delta = double.NaN }).Problem());
        Assert.NotNull((PageHinkleyOptions.Default with { Clip = 0.4 }).Problem());
    }
}
