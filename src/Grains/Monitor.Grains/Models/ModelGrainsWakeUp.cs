using Microsoft.Extensions.Logging;

namespace Monitor.Grains.Models;

/// <summary>
/// When a silo starts, wakes one grain per registered model (its alerts, its reviews), so that work persisted but
/// not finished before a stop or crash goes on without waiting for the model's next call.
/// </summary>
public abstract partial class ModelGrainsWakeUp(IGrainFactory grains, ILogger logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>What is woken, for the log line when waking fails.</summary>
    protected abstract string Woken { get; }

    /// <summary>What happens instead when waking fails.</summary>
    protected abstract string Otherwise { get; }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(GetType().Name, ServiceLifecycleStage.Active, OnStart, _ => Task.CompletedTask);

    protected abstract Task Wake(IGrainFactory grains, string model);

    private Task OnStart(CancellationToken cancellationToken)
    {
        // Not awaited: the silo is ready without waiting for every model to be woken.
        _ = Task.Run(WakeAllAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WakeAllAsync()
    {
        try
        {
            var models = await grains.GetGrain<IModelRegistryGrain>(0).GetModels().ConfigureAwait(false);
            await Task.WhenAll(models.Select(m => Wake(grains, m.Model))).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogWakeFailed(logger, ex, Woken, Otherwise);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the {Woken} grains after start; {Otherwise}")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string woken, string otherwise);
}
