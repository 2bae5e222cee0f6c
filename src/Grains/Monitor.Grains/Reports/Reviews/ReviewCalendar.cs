namespace Monitor.Grains.Reports.Reviews;

/// <summary>
/// The periods of a review schedule, in UTC: weekly periods run from Monday 00:00 to the next Monday,
/// monthly ones from the 1st 00:00 to the next month's 1st.
/// </summary>
public static class ReviewCalendar
{
    public static bool IsKnown(string schedule) => schedule is ReviewSchedule.Weekly or ReviewSchedule.Monthly;

    /// <summary>The period that contains <paramref name="time"/> (its start included, its end not).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) PeriodContaining(string schedule, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        if (schedule == ReviewSchedule.Monthly)
        {
            var month = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
            return (month, month.AddMonths(1));
        }

        var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        var monday = day.AddDays(-sinceMonday);
        return (monday, monday.AddDays(7));
    }

    /// <summary>The period that starts where the one ending at <paramref name="end"/> stops.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) PeriodAfter(string schedule, DateTimeOffset end) => PeriodContaining(schedule, end);

    /// <summary>The last period that has ended by <paramref name="time"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) LastEnded(string schedule, DateTimeOffset time)
    {
        var current = PeriodContaining(schedule, time);
        return (PeriodContaining(schedule, current.Start.AddTicks(-1)).Start, current.Start);
    }

    /// <summary>Whole periods between two ends: how many reviews a long stop left out.</summary>
    public static int PeriodsBetween(string schedule, DateTimeOffset fromEnd, DateTimeOffset toEnd)
    {
        var count = 0;
        for (var end = fromEnd; end < toEnd; end = PeriodAfter(schedule, end).End)
        {
            count++;
        }

        return count;
    }
}
