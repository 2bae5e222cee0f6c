using Microsoft.Extensions.Logging;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Segments;
using Monitor.Grains.Versions;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows;

namespace Monitor.Grains.History;

/// <summary>
/// Copies each finished hour of the version's windows into its hourly history on a timer, and the hour under way on
/// deactivation, so reviews of a week or a month cover more than the windows keep. The history is the version's own
/// storage, one state per month (<see cref="HistoryMonths"/>), written beside its checkpoint (so a deactivation in a
/// silo's shutdown can still write it) and read only when a report asks: it is not held in memory. An hour is
/// replaced, never added twice, so after an activation the part copies every hour the restored windows hold. Beside
/// each hour's point it keeps the hour's merged bucket (sketches and counts, so a review sums any period) and each
/// segment's traffic, gathered from the segments' buckets at every turn of the timer since the segments keep an hour.
/// </summary>
public sealed partial class HistoryPart(WindowPart windows, OutcomesPart outcomes, SegmentsPart segments) : VersionPart
{
    private const long HourMs = 3_600_000;

    private VersionPartContext _context = null!;
    private VersionHistoryOptions _options = null!;
    private ILogger _logger = null!;

    /// <summary>The start of the first hour not yet copied; null until the first copy after activation.</summary>
    private long? _copiedThroughMs;

    /// <summary>Segment buckets seen since the last copy, by bucket and segment, as last seen.</summary>
    private readonly Dictionary<(long StartMs, string Key, string Value), SegmentBucketCounts> _segmentBuckets = new();

    public override string Name => "history";

    public override Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken)
    {
        _context = context;
        _options = context.Options<VersionHistoryOptions>();
        _logger = context.Logger<HistoryPart>();
        if (_options.Enabled)
        {
            // A timer, not the checkpoint: a version that gets no more traffic checkpoints no more, and its last hour
            // must still be copied before the windows let it go.
            context.RegisterTimer(OnTimerAsync, _options.CopyInterval);
        }

        return Task.CompletedTask;
    }

    /// <summary>On deactivation the hour under way is copied too; the next activation copies it again when it fills.</summary>
    public override Task DeactivatingAsync(CancellationToken cancellationToken) =>
        _options.Enabled ? CopyAsync(_context.NowMs + 1, cancellationToken) : Task.CompletedTask;

    /// <summary>The stored hours starting in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<TimeSeriesPoint>> HoursAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var hours = new List<TimeSeriesPoint>();
        foreach (var month in HistoryMonths.Between(from, to))
        {
            var state = await _context.State<VersionHistoryState>(HistoryMonths.StateName(month)).ReadAsync();
            hours.AddRange(state.Value.Hours.Where(p => p.Time >= from && p.Time < to));
        }

        return hours;
    }

    private Task OnTimerAsync(CancellationToken cancellationToken)
    {
        GatherSegments();
        var hourStart = Floor(_context.NowMs);
        return _copiedThroughMs is null || _copiedThroughMs < hourStart ? CopyAsync(hourStart, cancellationToken) : Task.CompletedTask;
    }

    private async Task CopyAsync(long toMs, CancellationToken cancellationToken)
    {
        GatherSegments();
        var nowMs = _context.NowMs;
        var retentionMs = (long)windows.Options.Retention.TotalMilliseconds;
        var fromMs = Math.Max(_copiedThroughMs ?? 0, Floor(nowMs - retentionMs) + HourMs);
        if (fromMs >= toMs)
        {
            _copiedThroughMs = Floor(toMs);
            return;
        }

        var minutes = (int)Math.Ceiling((nowMs - fromMs) / 60_000.0);
        var series = windows.Window.TimeSeries(
            _context.Model, _context.Version, minutes, (int)(HourMs / 1000), nowMs, outcomes.IsBinary, outcomes.Calibration);
        var hours = series.Points
            .Where(p => p.TotalRequests > 0 && p.Time.ToUnixTimeMilliseconds() >= fromMs && p.Time.ToUnixTimeMilliseconds() < toMs)
            .ToList();
        var segmentBuckets = _segmentBuckets.Values.Where(b => b.StartMs < toMs).ToList();
        try
        {
            var months = hours.Select(p => HistoryMonths.Start(p.Time))
                .Concat(segmentBuckets.Select(b => HistoryMonths.Start(DateTimeOffset.FromUnixTimeMilliseconds(b.StartMs))))
                .Distinct();
            foreach (var month in months)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var state = await _context.State<VersionHistoryState>(HistoryMonths.StateName(month)).ReadAsync();
                var monthHours = hours.Where(p => HistoryMonths.Start(p.Time) == month).ToList();
                var points = HourlyPoints.Upsert(state.Value.Hours, monthHours);
                var buckets = HourlyPoints.UpsertBuckets(state.Value.Buckets ?? [], [.. monthHours.Select(p => HourBucket(p.Time, nowMs))]);
                var segmentHours = HourlySegments.Merge(
                    state.Value.Segments ?? [],
                    segmentBuckets.Where(b => HistoryMonths.Start(DateTimeOffset.FromUnixTimeMilliseconds(b.StartMs)) == month),
                    segments.BucketWidthMs);
                if (points is not null || buckets is not null || segmentHours is not null)
                {
                    state.Value.Hours = points ?? state.Value.Hours;
                    state.Value.Buckets = buckets ?? state.Value.Buckets;
                    state.Value.Segments = segmentHours ?? state.Value.Segments;
                    await state.WriteAsync();
                }
            }

            await DropExpiredAsync(nowMs);
            _copiedThroughMs = Floor(toMs);
            foreach (var bucket in segmentBuckets)
            {
                _segmentBuckets.Remove((bucket.StartMs, bucket.Key, bucket.Value));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The hours stay in the windows and are copied at the next turn of the timer.
            LogCopyFailed(_logger, e, _context.Model, _context.Version);
        }
    }

    /// <summary>After an activation and when a new month starts, the month that ended before the retention is forgotten.</summary>
    private async Task DropExpiredAsync(long nowMs)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        if (_copiedThroughMs is { } copied && HistoryMonths.Start(DateTimeOffset.FromUnixTimeMilliseconds(copied)) == HistoryMonths.Start(now))
        {
            return;
        }

        var expired = await _context.State<VersionHistoryState>(HistoryMonths.StateName(HistoryMonths.Start(now - _options.Retention).AddMonths(-1))).ReadAsync();
        if (expired.RecordExists)
        {
            await expired.ClearAsync();
        }
    }

    /// <summary>The hour's buckets merged and packed: what its figures are summed from.</summary>
    private MetricBucket HourBucket(DateTimeOffset hour, long nowMs)
    {
        var startMs = hour.ToUnixTimeMilliseconds();
        var bucket = windows.Window.Aggregate(startMs, startMs + HourMs, nowMs);
        bucket.Compact();
        return bucket;
    }

    /// <summary>
    /// Notes each segment bucket the segments hold, as it stands now; run at every turn of the timer, well within the
    /// hour the segments keep, so each bucket is seen before it is dropped.
    /// </summary>
    private void GatherSegments()
    {
        if (!HourlySegments.Fits(segments.BucketWidthMs))
        {
            return;
        }

        foreach (var (segment, bucket) in segments.HeldBuckets())
        {
            _segmentBuckets[(bucket.StartMs, segment.Key, segment.Value)] = new SegmentBucketCounts(bucket.StartMs, segment.Key, segment.Value, bucket.Count, bucket.Errors);
        }
    }

    private static long Floor(long ms) => ms - (((ms % HourMs) + HourMs) % HourMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not copy the hourly history of {Model}/{Version}; it is tried again at the next turn of the timer")]
    private static partial void LogCopyFailed(ILogger logger, Exception error, string model, string version);
}
