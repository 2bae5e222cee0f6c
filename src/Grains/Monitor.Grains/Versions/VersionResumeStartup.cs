using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Grains.Versions;

/// <summary>
/// When a silo starts, wakes the versions of the resume list, at most <see cref="ResumeOptions.VersionsPerSecond"/>
/// a second: their alert rules are evaluated again (a firing alert goes on being re-sent instead of expiring),
/// their timers run and their drift, outcome and data-quality series are in /metrics again without new records.
/// Versions already active elsewhere in a cluster just answer.
/// </summary>
public sealed partial class VersionResumeStartup(
    IGrainFactory grains,
    IOptions<ResumeOptions> options,
    TimeProvider time,
    ILogger<VersionResumeStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(VersionResumeStartup), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        // Not awaited: the silo is ready without waiting for every version.
        _ = Task.Run(() => ResumeAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken) => _stopping.CancelAsync();

    private async Task ResumeAsync(CancellationToken stopping)
    {
        try
        {
            var due = await grains.GetGrain<IResumeListGrain>(0).GetDue().ConfigureAwait(false);
            if (due.Length > 0)
            {
                LogResuming(logger, due.Length);
            }

            var perSecond = Math.Max(1, options.Value.VersionsPerSecond);
            for (var start = 0; start < due.Length && !stopping.IsCancellationRequested; start += perSecond)
            {
                if (start > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stopping).ConfigureAwait(false);
                }

                await Task.WhenAll(due.Skip(start).Take(perSecond).Select(Wake)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogResumeFailed(logger, ex);
        }
    }

    private async Task Wake(string version)
    {
        try
        {
            await grains.GetGrain<IModelVersionGrain>(version).Resume().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWakeFailed(logger, ex, version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waking {Count} versions with alerts, a reference or recent traffic")]
    private static partial void LogResuming(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the versions to wake after start; they resume on their next record or request")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake {Version} after start; it resumes on its next record or request")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string version);
}
