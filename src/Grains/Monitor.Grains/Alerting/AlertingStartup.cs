using Microsoft.Extensions.Logging;
using Monitor.Grains.Models;

namespace Monitor.Grains.Alerting;

/// <summary>
/// When a silo starts, wakes every model's alert grain, which wakes its groups: notifications that were
/// persisted but not delivered before a stop or crash go out again, and alerts not re-sent in time
/// are checked with their versions.
/// </summary>
public sealed partial class AlertingStartup(IGrainFactory grains, ILogger<AlertingStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AlertingStartup), ServiceLifecycleStage.Active, OnStart, _ => Task.CompletedTask);

    private Task OnStart(CancellationToken cancellationToken)
    {
        // Not awaited: the silo is ready without waiting for every model to be woken.
        _ = Task.Run(ResumeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ResumeAsync()
    {
        try
        {
            var models = await grains.GetGrain<IModelRegistryGrain>(0).GetModels().ConfigureAwait(false);
            await Task.WhenAll(models.Select(m => grains.GetGrain<IModelAlertsGrain>(m.Model).Resume())).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogResumeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the alert grains after start; they resume on their next alert")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
