using System.Globalization;

namespace Monitor.Grains.History;

/// <summary>The calendar months (UTC) a version's history is stored by: one state of the version per month.</summary>
public static class HistoryMonths
{
    /// <summary>The name of the version's state holding the month of <paramref name="time"/>: <c>history.yyyy-MM</c>.</summary>
    public static string StateName(DateTimeOffset time) => "history." + Start(time).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>00:00 UTC on the first day of the month holding <paramref name="time"/>.</summary>
    public static DateTimeOffset Start(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The first day of each month from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public static IEnumerable<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to)
    {
        for (var month = Start(from); month <= to; month = month.AddMonths(1))
        {
            yield return month;
        }
    }
}
