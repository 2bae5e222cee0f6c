using Monitor.Grains.History;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests.History;

public sealed class HourlyPointsTests
{
    private static readonly DateTimeOffset Hour = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimeSeriesPoint Point(DateTimeOffset time, long requests) => new()
    {
        Time = time, TotalRequests = requests, ErrorCount = 0, ThroughputPerSecond = requests / 3600.0, ErrorsByType = new Dictionary<string, long>(),
    };

    [Fact]
    public void An_added_hour_replaces_the_one_held_and_the_rest_stay_in_time_order()
    {
        var held = new[] { Point(Hour, 5), Point(Hour.AddHours(2), 7) };

        var merged = HourlyPoints.Upsert(held, [Point(Hour.AddHours(1), 1), Point(Hour, 6)]);

        Assert.NotNull(merged);
        Assert.Equal([Hour, Hour.AddHours(1), Hour.AddHours(2)], merged.Select(p => p.Time));
        Assert.Equal([6L, 1L, 7L], merged.Select(p => p.TotalRequests));
    }

    [Fact]
    public void Hours_that_are_already_held_change_nothing()
    {
        Assert.Null(HourlyPoints.Upsert([Point(Hour, 5)], [Point(Hour, 5)]));
    }

    [Fact]
    public void A_period_takes_the_history_before_the_windows_and_the_windows_from_their_first_whole_hour()
    {
        var history = new[] { Point(Hour.AddHours(-3), 1), Point(Hour.AddHours(-1), 2), Point(Hour, 99) };
        var windows = new[] { Point(Hour, 3), Point(Hour.AddHours(1), 4) };

        var joined = HourlyPoints.Join(history, windows, from: Hour.AddHours(-2), windowsFrom: Hour);

        Assert.Equal([2L, 3L, 4L], joined.Select(p => p.TotalRequests));
    }

    [Fact]
    public void States_name_the_utc_month_and_a_period_spans_each_month_it_touches()
    {
        Assert.Equal("history.2026-11", HistoryMonths.StateName(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(1))));
        Assert.Equal(
            [new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)],
            HistoryMonths.Between(Hour.AddDays(-7), Hour.AddHours(5)));
    }
}
