using Monitor.Grains.Versions;

namespace Monitor.Grains.History;

/// <summary>
/// A version's hourly figures kept after its windows have let them go, so that weekly and monthly reviews cover
/// their whole period. The version grain answers it (keyed by <see cref="VersionKey"/>).
/// </summary>
[Alias("monitor.IVersionHistoryGrain")]
public interface IVersionHistoryGrain : IGrainWithStringKey
{
    /// <summary>The hourly points that start in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    [Alias("GetHours")]
    Task<IReadOnlyList<TimeSeriesPoint>> GetHours(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The version's summary and comparison sample from <paramref name="from"/> to now, summed hour by hour.</summary>
    [Alias("GetPeriod")]
    Task<VersionPeriod> GetPeriod(DateTimeOffset from);

    /// <summary>Each segment's traffic from <paramref name="from"/> to now, hour by hour; empty without segment keys.</summary>
    [Alias("GetSegmentPeriod")]
    Task<IReadOnlyList<SegmentPeriod>> GetSegmentPeriod(DateTimeOffset from);
}
