using Microsoft.Extensions.Hosting;
using Monitor.Gateway.Outcomes;
using Monitor.Gateway.Routing;
using Monitor.Grains.Models;

namespace Monitor.Gateway.Metrics;

/// <summary>
/// Exports the ingest series of every registered version at 0 as soon as the gateway starts, and of versions
/// registered through other gateways within <see cref="Refresh"/>, so a version's counters exist in this
/// gateway's /metrics before its first records arrive here (after a restart too) and <c>rate()</c> counts them.
/// Taking the ingest metrics creates them at start, so their per-reason series are there before the first request.
/// </summary>
public sealed partial class RegisteredVersionSeries(
    IGrainFactory grains,
    VersionRouter router,
    OutcomeIngestMetrics outcomeMetrics,
    TimeProvider time,
    ILogger<RegisteredVersionSeries> logger) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    // While the cluster is not reachable yet (a gateway started before its silos).
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        GC.KeepAlive(outcomeMetrics);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Refresh;
            try
            {
                foreach (var model in await grains.GetGrain<IModelRegistryGrain>(0).GetModels())
                {
                    foreach (var version in model.Versions)
                    {
                        router.Known(model.Model, version);
                    }
                }

                failures = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                wait = Retry;
                if (++failures == 5)
                {
                    LogNotLoaded(logger, ex);
                }
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The registered versions could not be read for /metrics; their series appear with their first records until they can")]
    private static partial void LogNotLoaded(ILogger logger, Exception exception);
}
