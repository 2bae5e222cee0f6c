using Microsoft.Extensions.Logging;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Versions;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows;

namespace Monitor.Grains.History;

/// <summary>
/// Copies each finished hour of the version's windows into its hourly history on a timer, and the hour under way on
/// deactivation, so reviews of a week or a month cover more than the windows keep. The history is the version's own
/// storage, one state per month (<see cref="HistoryMonths"/>), written beside its checkpoint (so a deactivation in a
/// silo's shutdown can still write it) and read only when a report asks: it is not held in memory. An hour is
/// replaced, never added twice, so after an activation the part copies every hour the restored windows hold.
/// </summary>
public sealed partial class HistoryPart(WindowPart windows, OutcomesPart outcomes) : VersionPart
{
    private const long HourMs = 3_600_000;

    private VersionPartContext _context = null!;
    private VersionHistoryOptions _options = null!;
    private ILogger _logger = null!;

    /// <summary>The start of the first hour not yet copied; null until the first copy after activation.</summary>
    private long? _copiedThroughMs;

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
        var hourStart = Floor(_context.NowMs);
        return _copiedThroughMs is null || _copiedThroughMs < hourStart ? CopyAsync(hourStart, cancellationToken) : Task.CompletedTask;
    }

    private async Task CopyAsync(long toMs, CancellationToken cancellationToken)
    {
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
        try
        {
            foreach (var month in hours.GroupBy(p => HistoryMonths.Start(p.Time)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var state = await _context.State<VersionHistoryState>(HistoryMonths.StateName(month.Key)).ReadAsync();
                if (HourlyPoints.Upsert(state.Value.Hours, [.. month]) is { } merged)
                {
                    state.Value.Hours = merged;
                    await state.WriteAsync();
                }
            }

            await DropExpiredAsync(nowMs);
            _copiedThroughMs = Floor(toMs);
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

    private static long Floor(long ms) => ms - (((ms % HourMs) + HourMs) % HourMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not copy the hourly history of {Model}/{Version}; it is tried again at the next turn of the timer")]
    private static partial void LogCopyFailed(ILogger logger, Exception error, string model, string version);
}
