namespace Monitor.Gateway.Durability;

/// <summary>
/// Settles the chains of versions this gateway stopped sending to: a busy version learns of a lost call from the
/// next one, an idle one would not, so each round asks the idle versions that may lack calls how far they hold
/// them and sends the lost ones again (a version restored after its silo died), calls replayed from the log included.
/// </summary>
public sealed partial class IngestChainSettlement(
    IngestChains chains, DurabilityOptions options, IngestLogService log, TimeProvider time, ILogger<IngestChainSettlement> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.TruncateInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!log.Replayed)
            {
                continue;
            }

            var round = await chains.SettleIdleAsync(time.GetUtcNow() - options.TruncateInterval);
            if (round.Resent > 0)
            {
                LogResent(logger, round.Resent);
            }

            foreach (var failure in round.Failures)
            {
                LogSettleFailed(logger, failure);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Calls} acknowledged ingest calls again to an idle version that had lost them")]
    private static partial void LogResent(ILogger logger, int calls);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not ask an idle version how far it holds this gateway's calls; asking again next round")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception);
}
