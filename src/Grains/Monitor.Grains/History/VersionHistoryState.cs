using Monitor.Grains.Versions;
using Monitor.Grains.Windows;

namespace Monitor.Grains.History;

/// <summary>One month of a version's hourly points, oldest first (the version's state <c>history.yyyy-MM</c>).</summary>
[GenerateSerializer, Alias("monitor.VersionHistoryState")]
public sealed class VersionHistoryState
{
    [Id(0)] public List<TimeSeriesPoint> Hours { get; set; } = [];

    /// <summary>
    /// Each hour's merged bucket (its sketches, class, quality and outcome counts), oldest first, so a review sums any
    /// period's figures; months stored before it was kept have none, and their hours have points only.
    /// </summary>
    [Id(1)] public List<MetricBucket>? Buckets { get; set; }

    /// <summary>Each hour's traffic and errors per segment; null in months stored before it was kept.</summary>
    [Id(2)] public List<SegmentHour>? Segments { get; set; }
}
