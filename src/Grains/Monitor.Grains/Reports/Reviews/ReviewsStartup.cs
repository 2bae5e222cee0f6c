using Microsoft.Extensions.Logging;
using Monitor.Grains.Models;

namespace Monitor.Grains.Reports.Reviews;

/// <summary>When a silo starts, wakes every model's review grain, so reviews that fell due while Monitor was stopped go out.</summary>
public sealed partial class ReviewsStartup(IGrainFactory grains, ILogger<ReviewsStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ReviewsStartup), ServiceLifecycleStage.Active, OnStart, _ => Task.CompletedTask);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _ = Task.Run(ResumeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ResumeAsync()
    {
        try
        {
            var models = await grains.GetGrain<IModelRegistryGrain>(0).GetModels().ConfigureAwait(false);
            await Task.WhenAll(models.Select(m => grains.GetGrain<IModelReviewsGrain>(m.Model).Resume())).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogResumeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the review grains after start; each sends when next called")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
