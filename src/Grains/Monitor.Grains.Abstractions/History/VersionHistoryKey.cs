using System.Globalization;
using Monitor.Grains.Versions;

namespace Monitor.Grains.History;

/// <summary>The key of one month of a version's history: <c>model/version@yyyy-MM</c>.</summary>
public static class VersionHistoryKey
{
    public static string Of(string model, string version, DateTimeOffset time) =>
        string.Concat(VersionKey.Of(model, version), "@", MonthStart(time).ToString("yyyy-MM", CultureInfo.InvariantCulture));

    /// <summary>00:00 UTC on the first day of the month holding <paramref name="time"/>.</summary>
    public static DateTimeOffset MonthStart(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The first day of each month from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public static IEnumerable<DateTimeOffset> Months(DateTimeOffset from, DateTimeOffset to)
    {
        for (var month = MonthStart(from); month <= to; month = month.AddMonths(1))
        {
            yield return month;
        }
    }
}
