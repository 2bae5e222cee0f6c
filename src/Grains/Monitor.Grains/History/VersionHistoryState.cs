using Monitor.Grains.Versions;

namespace Monitor.Grains.History;

/// <summary>One month of a version's hourly points, oldest first (the version's state <c>history.yyyy-MM</c>).</summary>
[GenerateSerializer, Alias("monitor.VersionHistoryState")]
public sealed class VersionHistoryState
{
    [Id(0)] public List<TimeSeriesPoint> Hours { get; set; } = [];
}
