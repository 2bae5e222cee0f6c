using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Grains.Versions;

/// <summary>
/// The one resume list (key 0). Versions call it only when what they hold changes (an alert becomes
/// active or inactive, a reference comes or goes) or their traffic time moved by a quarter of
/// <see cref="ResumeOptions.RecentTraffic"/>; reasons are written at once, traffic times on a timer.
/// </summary>
public sealed partial class ResumeListGrain(
    [PersistentState("resume-list", MonitorStorage.Name)] IPersistentState<ResumeListState> state,
    IOptions<ResumeOptions> options,
    TimeProvider time,
    ILogger<ResumeListGrain> logger) : Grain, IResumeListGrain
{
    private ResumeList _list = null!;
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _list = new ResumeList(state.State);
        var interval = options.Value.SaveInterval;
        this.RegisterGrainTimer(_ => Save(), new GrainTimerCreationOptions(interval, interval) { Interleave = false });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Save();

    public async Task Mark(string version, ResumeMark mark)
    {
        switch (_list.Apply(version, mark))
        {
            case ResumeChange.Reason:
                _dirty = true;
                await Save();
                break;
            case ResumeChange.Traffic:
                _dirty = true;
                break;
        }
    }

    public async Task<string[]> GetDue()
    {
        var now = time.GetUtcNow();
        _dirty |= _list.Prune(now, options.Value.RecentTraffic);
        await Save();
        return _list.Due(now, options.Value.RecentTraffic);
    }

    private async Task Save()
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
            _dirty = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept in memory and written by the next turn of the timer.
            LogSaveFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The list of versions to wake after a restart could not be written; it is retried")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception);
}
