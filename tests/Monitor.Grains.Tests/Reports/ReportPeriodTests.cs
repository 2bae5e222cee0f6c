using Monitor.Grains.Reports;
using Monitor.Grains.Reports.Reviews;

namespace Monitor.Grains.Tests.Reports;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("7d", 7 * 24 * 60, "7d")]
    [InlineData("24h", 24 * 60, "24h")]
    [InlineData("90m", 90, "90m")]
    [InlineData("2W", 14 * 24 * 60, "2w")]
    [InlineData(null, 7 * 24 * 60, "7d")]
    [InlineData("366d", 366 * 24 * 60, "366d")]
    public void Periods_parse(string? text, int minutes, string shown)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period, out var reason));
        Assert.Null(reason);
        Assert.Equal(minutes, period.Minutes);
        Assert.Equal(shown, period.Text);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("1.5d")]
    [InlineData("367d")]
    [InlineData("99999999999999999999w")]
    [InlineData("7 d")]
    [InlineData("7y")]
    public void Bad_periods_say_what_a_period_is(string text)
    {
        Assert.False(ReportPeriod.TryParse(text, out _, out var reason));
        Assert.Contains("must be", reason!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("html", ReportFormat.Html)]
    [InlineData("JSON", ReportFormat.Json)]
    [InlineData("md", ReportFormat.Md)]
    [InlineData(null, ReportFormat.Html)]
    public void Formats_parse(string? text, ReportFormat format)
    {
        Assert.True(ReportFormats.TryParse(text, out var parsed, out _));
        Assert.Equal(format, parsed);
        Assert.False(ReportFormats.TryParse("pdf", out _, out var reason));
        Assert.Equal("must be html, json or md, got 'pdf'", reason);
    }

    [Fact]
    public void Weekly_periods_run_monday_to_monday_in_utc()
    {
        // 2026-12-02 is a Wednesday; in UTC+10 it is still Tuesday evening UTC.
        var (start, end) = ReviewCalendar.PeriodContaining(ReviewSchedule.Weekly, new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.FromHours(10)));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero), end);
        Assert.Equal((end, end.AddDays(7)), ReviewCalendar.PeriodAfter(ReviewSchedule.Weekly, end));
        Assert.Equal((start, end), ReviewCalendar.PeriodContaining(ReviewSchedule.Weekly, start));
        Assert.Equal((start.AddDays(-7), start), ReviewCalendar.LastEnded(ReviewSchedule.Weekly, start.AddHours(1)));
    }

    [Fact]
    public void Monthly_periods_run_from_the_first_across_years_and_short_months()
    {
        Assert.Equal(
            (new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ReviewCalendar.PeriodContaining(ReviewSchedule.Monthly, new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        var february = ReviewCalendar.PeriodAfter(ReviewSchedule.Monthly, new DateTimeOffset(2028, 2, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(29, (february.End - february.Start).TotalDays);
        Assert.Equal(3, ReviewCalendar.PeriodsBetween(ReviewSchedule.Monthly, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("29d", ReportPeriod.Of(february.End - february.Start).Text);
    }
}
