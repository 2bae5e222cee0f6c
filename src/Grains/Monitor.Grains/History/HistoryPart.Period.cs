using Monitor.Grains.Outcomes;
using Monitor.Grains.Windows;

namespace Monitor.Grains.History;

/// <summary>What a review reads of the history: a period's figures summed, and its segments' traffic.</summary>
public sealed partial class HistoryPart
{
    /// <summary>
    /// The version's figures from <paramref name="from"/> to now: the history's hourly buckets for the hours before the
    /// windows' first whole hour, the windows' buckets from it on (the same hours as the reports' time series).
    /// </summary>
    public async Task<VersionPeriod> PeriodAsync(DateTimeOffset from)
    {
        var nowMs = _context.NowMs;
        // The hours that start in the period, as the report's series counts them.
        var fromMs = Floor(from.ToUnixTimeMilliseconds() + HourMs - 1);
        var windowsFromMs = Math.Max(fromMs, WindowsFromMs(nowMs));
        var total = new MetricBucket(fromMs);
        var withoutDetail = 0;
        long requestsWithoutDetail = 0;
        foreach (var month in HistoryMonths.Between(DateTimeOffset.FromUnixTimeMilliseconds(fromMs), DateTimeOffset.FromUnixTimeMilliseconds(windowsFromMs)))
        {
            var state = (await _context.State<VersionHistoryState>(HistoryMonths.StateName(month)).ReadAsync()).Value;
            var detailed = new HashSet<long>();
            foreach (var bucket in (state.Buckets ?? []).Where(b => b.StartMs >= fromMs && b.StartMs < windowsFromMs))
            {
                total.Merge(bucket);
                detailed.Add(bucket.StartMs);
            }

            foreach (var point in state.Hours.Where(p => p.TotalRequests > 0 && p.Time.ToUnixTimeMilliseconds() is var t && t >= fromMs && t < windowsFromMs && !detailed.Contains(t)))
            {
                withoutDetail++;
                requestsWithoutDetail += point.TotalRequests;
            }
        }

        var window = windows.Window;
        var (_, toMs) = window.Period(0, nowMs);
        total.Merge(window.Aggregate(windowsFromMs, toMs, nowMs));
        var summary = window.Describe(_context.Model, _context.Version, total, fromMs, toMs, nowMs);
        return new VersionPeriod
        {
            Summary = summary with { Outcomes = OutcomeSummarizer.Summarize(outcomes.Outcomes, OutcomeAggregate.Of(total)) },
            Sample = VersionSampler.Sample(_context.Version, outcomes.Outcomes, total, fromMs, nowMs),
            HoursWithoutDetail = withoutDetail,
            RequestsWithoutDetail = requestsWithoutDetail,
        };
    }

    /// <summary>Each segment's traffic from <paramref name="from"/> to now: the hours written, then the buckets seen since.</summary>
    public async Task<IReadOnlyList<SegmentPeriod>> SegmentPeriodAsync(DateTimeOffset from)
    {
        var nowMs = _context.NowMs;
        GatherSegments();
        var hours = new List<SegmentHour>();
        foreach (var month in HistoryMonths.Between(from, DateTimeOffset.FromUnixTimeMilliseconds(nowMs)))
        {
            var state = (await _context.State<VersionHistoryState>(HistoryMonths.StateName(month)).ReadAsync()).Value;
            hours.AddRange(state.Segments ?? []);
        }

        // The buckets seen since the last copy, in their hours unless those count them already (a copy on deactivation).
        var merged = HourlySegments.Merge(hours, _segmentBuckets.Values, segments.BucketWidthMs) ?? hours;
        return
        [
            .. merged.Where(h => h.Time >= from && h.Time.ToUnixTimeMilliseconds() <= nowMs)
                .GroupBy(h => (h.Key, h.Value))
                .Select(g => SegmentPeriodOf(g.Key.Key, g.Key.Value, [.. g.OrderBy(h => h.Time)]))
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .ThenByDescending(s => s.Requests),
        ];
    }

    /// <summary>The start of the windows' first whole hour: the hours before it are the history's.</summary>
    private long WindowsFromMs(long nowMs) => Floor(nowMs - (long)windows.Options.Retention.TotalMilliseconds) + HourMs;

    private static SegmentPeriod SegmentPeriodOf(string key, string value, IReadOnlyList<SegmentHour> hours)
    {
        var requests = hours.Sum(h => h.Requests);
        var errors = hours.Sum(h => h.Errors);
        return new SegmentPeriod
        {
            Key = key,
            Value = value,
            Requests = requests,
            Errors = errors,
            SuccessRate = requests == 0 ? null : 100.0 * (requests - errors) / requests,
            Hours = [.. hours.Select(h => new SegmentPeriodHour { Time = h.Time, Requests = h.Requests, Errors = h.Errors })],
        };
    }
}
