using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Grains.Rebalancing;

/// <summary>
/// Every <see cref="RebalancingOptions.ReportInterval"/>, tells the cluster's rebalancer this silo's load: each
/// active version's records per second and the silo's managed heap.
/// </summary>
public sealed partial class SiloLoadReporter(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    SiloVersionLoad versions,
    IOptions<RebalancingOptions> options,
    TimeProvider time,
    ILogger<SiloLoadReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SiloLoadMeter _meter = new(versions, options.Value.RateSmoothing);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLoadReporter), ServiceLifecycleStage.Active, OnStart, OnStop);

    /// <summary>This silo's load now (also what a leaving silo plans its drain from).</summary>
    public SiloLoadReport Measure()
    {
        lock (_meter)
        {
            return new SiloLoadReport(silo.SiloAddress, time.GetUtcNow(), GC.GetTotalMemory(false), _meter.Read(time.GetUtcNow().ToUnixTimeMilliseconds()));
        }
    }

    private Task OnStart(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => ReportAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken) => _stopping.CancelAsync();

    private async Task ReportAsync(CancellationToken stopping)
    {
        var rebalancer = grains.GetGrain<IClusterRebalancerGrain>(0);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ReportInterval, time, stopping).ConfigureAwait(false);
                await rebalancer.Report(Measure()).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The rebalancer's silo may be leaving; the next report finds it re-activated.
                LogReportFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The silo's load report did not reach the rebalancer; the next one is sent on time")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
