using Monitor.Grains.Versions;
using Monitor.Grains.Windows;

namespace Monitor.Grains.History;

/// <summary>Pure merging of hourly points, so the history grain and the report read them the same way.</summary>
public static class HourlyPoints
{
    /// <summary>
    /// The points of <paramref name="held"/> with <paramref name="added"/> put in by start time (an added point replaces
    /// the one of the same hour), oldest first; null when nothing changes, so an unchanged month is not rewritten.
    /// </summary>
    public static List<TimeSeriesPoint>? Upsert(IReadOnlyList<TimeSeriesPoint> held, IReadOnlyList<TimeSeriesPoint> added)
    {
        var byTime = new SortedDictionary<DateTimeOffset, TimeSeriesPoint>();
        foreach (var point in held)
        {
            byTime[point.Time] = point;
        }

        var changed = false;
        foreach (var point in added)
        {
            if (!byTime.TryGetValue(point.Time, out var old) || !Same(old, point))
            {
                byTime[point.Time] = point;
                changed = true;
            }
        }

        return changed ? [.. byTime.Values] : null;
    }

    /// <summary>
    /// The buckets of <paramref name="held"/> with <paramref name="added"/> put in by start (an added bucket replaces the
    /// one of the same hour), oldest first; null when nothing changes.
    /// </summary>
    public static List<MetricBucket>? UpsertBuckets(IReadOnlyList<MetricBucket> held, IReadOnlyList<MetricBucket> added)
    {
        var byStart = new SortedDictionary<long, MetricBucket>();
        foreach (var bucket in held)
        {
            byStart[bucket.StartMs] = bucket;
        }

        var changed = false;
        foreach (var bucket in added)
        {
            if (!byStart.TryGetValue(bucket.StartMs, out var old) || !Same(old, bucket))
            {
                byStart[bucket.StartMs] = bucket;
                changed = true;
            }
        }

        return changed ? [.. byStart.Values] : null;
    }

    /// <summary>
    /// Hourly points of a period: the history's for hours before <paramref name="windowsFrom"/>, the windows' from it on.
    /// </summary>
    public static IReadOnlyList<TimeSeriesPoint> Join(
        IEnumerable<TimeSeriesPoint> history, IEnumerable<TimeSeriesPoint> windows, DateTimeOffset from, DateTimeOffset windowsFrom) =>
    [
        .. history.Where(p => p.Time >= from && p.Time < windowsFrom)
            .Concat(windows.Where(p => p.Time >= windowsFrom))
            .OrderBy(p => p.Time),
    ];

    private static bool Same(TimeSeriesPoint a, TimeSeriesPoint b) =>
        a.TotalRequests == b.TotalRequests && a.ErrorCount == b.ErrorCount && a.Outcomes?.Labels == b.Outcomes?.Labels && Nullable.Equals(a.Outcomes?.Accuracy, b.Outcomes?.Accuracy)
        && Nullable.Equals(a.P99LatencyMs, b.P99LatencyMs) && Nullable.Equals(a.ConfidenceMean, b.ConfidenceMean);

    private static bool Same(MetricBucket a, MetricBucket b) =>
        a.Count == b.Count && a.Errors == b.Errors && a.LabeledPredictions == b.LabeledPredictions
        && a.Outcomes?.Joined == b.Outcomes?.Joined && Events(a) == Events(b) && a.Quality?.Records == b.Quality?.Records;

    private static long Events(MetricBucket bucket) =>
        bucket.Outcomes?.Events is { } events ? Enumerable.Range(0, events.Types).Sum(events.Counted) : 0;
}
