using Microsoft.Extensions.Logging;

namespace Monitor.Grains.Versions;

/// <summary>
/// What brings the version back after a restart: it tells the resume list when it gains or loses a
/// reason to be woken (alerts pending or firing, a reference) and, every quarter of the traffic horizon
/// at most, when it last had records, labels or events; it reports from its checkpoint timer and after an
/// alert changed phase, never on the ingest path.
/// </summary>
public sealed partial class ModelVersionGrain
{
    private ResumeMark? _reportedMark;
    private long _trafficMs;

    public Task Resume()
    {
        // Series now rather than at the first turn of the drift and outcome timers.
        CurrentDrift();
        _outcomeSeries.Refresh(_outcomes, outcomeOptions.Value.MetricsWindow, NowMs);
        return Task.CompletedTask;
    }

    private void MarkTraffic(long nowMs) => _trafficMs = nowMs;

    private async Task ReportResumeMark()
    {
        var mark = new ResumeMark(
            _alerting.HasActiveAlerts,
            _drift.Reference is not null,
            _trafficMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(_trafficMs) : null);
        if (_reportedMark is { } reported && reported.Alerts == mark.Alerts && reported.Reference == mark.Reference && !TrafficMoved(reported, mark))
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IResumeListGrain>(0).Mark(VersionKey.Of(_model, _version), mark);
            _reportedMark = mark;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reported again on the next checkpoint turn.
            LogResumeMarkFailed(logger, ex, _model, _version);
        }
    }

    private bool TrafficMoved(ResumeMark reported, ResumeMark mark) =>
        mark.TrafficAt is { } at && (reported.TrafficAt is not { } before || at - before >= resumeOptions.Value.RecentTraffic / 4);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Model}/{Version} could not update the list of versions to wake after a restart; retrying")]
    private static partial void LogResumeMarkFailed(ILogger logger, Exception exception, string model, string version);
}
