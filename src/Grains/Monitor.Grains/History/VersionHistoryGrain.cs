using Monitor.Grains.Versions;

namespace Monitor.Grains.History;

/// <summary>
/// One month of a version's hourly figures. Written about once an hour and read by reports, so it is let go soon
/// after each call: a month of points does not stay in memory beside the version's windows.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class VersionHistoryGrain(
    [PersistentState("version-history", MonitorStorage.Name)] IPersistentState<VersionHistoryState> state) : Grain, IVersionHistoryGrain
{
    public async Task Record(IReadOnlyList<TimeSeriesPoint> hours)
    {
        var month = MonthOfKey();
        if (hours.Any(h => VersionHistoryKey.MonthStart(h.Time) != month))
        {
            throw new ArgumentException($"Every point must fall in the month {month:yyyy-MM} of this history.", nameof(hours));
        }

        var merged = HourlyPoints.Upsert(state.State.Hours, hours);
        if (merged is null)
        {
            return;
        }

        state.State.Hours = merged;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<TimeSeriesPoint>> GetHours() => Task.FromResult<IReadOnlyList<TimeSeriesPoint>>(state.State.Hours);

    public async Task Clear()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new VersionHistoryState();
    }

    private DateTimeOffset MonthOfKey()
    {
        var key = this.GetPrimaryKeyString();
        var at = key.LastIndexOf('@');
        return DateTimeOffset.ParseExact(key[(at + 1)..] + "-01Z", "yyyy-MM-ddK", System.Globalization.CultureInfo.InvariantCulture);
    }
}
