using Monitor.Grains.Versions;

namespace Monitor.Grains.History;

/// <summary>
/// One calendar month (UTC) of a version's hourly figures, kept after the version's windows have let them go, so
/// that weekly and monthly reviews cover their whole period. Keyed by <see cref="VersionHistoryKey"/>.
/// </summary>
[Alias("monitor.IVersionHistoryGrain")]
public interface IVersionHistoryGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces hourly points (by their start time); points of other months are refused.</summary>
    [Alias("Record")]
    Task Record(IReadOnlyList<TimeSeriesPoint> hours);

    /// <summary>The month's hourly points, oldest first.</summary>
    [Alias("GetHours")]
    Task<IReadOnlyList<TimeSeriesPoint>> GetHours();

    /// <summary>Forgets the month (past the history's retention).</summary>
    [Alias("Clear")]
    Task Clear();
}
