using Microsoft.Extensions.Logging;

namespace Monitor.Grains.Versions;

/// <summary>
/// What brings the version back after a restart: it tells the resume list when it gains or loses a reason to be
/// woken (alerts pending or firing, a reference) and, every quarter of the traffic horizon at most, when it last
/// had records, labels or events; it reports from the checkpoint timer and after an alert changed phase, never on
/// the ingest path.
/// </summary>
public sealed partial class ResumeReporter(string model, string version, IGrainFactory grains, ResumeOptions options, ILogger logger)
{
    private ResumeMark? _reported;
    private long _trafficMs;

    public void Traffic(long nowMs) => _trafficMs = nowMs;

    public async Task ReportAsync(bool alerts, bool reference)
    {
        var mark = new ResumeMark(alerts, reference, _trafficMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(_trafficMs) : null);
        if (_reported is { } reported && reported.Alerts == mark.Alerts && reported.Reference == mark.Reference && !TrafficMoved(reported, mark))
        {
            return;
        }

        try
        {
            await grains.GetGrain<IResumeListGrain>(0).Mark(VersionKey.Of(model, version), mark);
            _reported = mark;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reported again on the next checkpoint turn.
            LogResumeMarkFailed(logger, ex, model, version);
        }
    }

    private bool TrafficMoved(ResumeMark reported, ResumeMark mark) =>
        mark.TrafficAt is { } at && (reported.TrafficAt is not { } before || at - before >= options.RecentTraffic / 4);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Model}/{Version} could not update the list of versions to wake after a restart; retrying")]
    private static partial void LogResumeMarkFailed(ILogger logger, Exception exception, string model, string version);
}
