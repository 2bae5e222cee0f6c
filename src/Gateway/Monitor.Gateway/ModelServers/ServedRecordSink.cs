using Monitor.Gateway.Metrics;
using Monitor.Gateway.PredictionLog;
using Monitor.Gateway.Routing;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.ModelServers;

public enum DeliveryOutcome : byte
{
    Applied = 0,
    CapReached = 1,
    Unavailable = 2,
}

/// <summary>
/// Hands the records made from model-server payloads to the same path as POST /v1/predictions: the version's
/// queue (exactly-once per call), then the ingest metrics and the prediction log.
/// </summary>
public sealed partial class ServedRecordSink(VersionRouter router, IngestMetrics ingestMetrics, IPredictionLog log, ILogger<ServedRecordSink> logger)
{
    public async Task<DeliveryOutcome> Deliver(PredictionBatch batch)
    {
        if (batch.Count == 0)
        {
            return DeliveryOutcome.Applied;
        }

        try
        {
            if (!await router.RouteAsync(batch))
            {
                ingestMetrics.Rejected("version_cap", batch.Count);
                return DeliveryOutcome.CapReached;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRouteFailed(logger, ex, batch.Model, batch.Version, batch.Count);
            ingestMetrics.Rejected("unavailable", batch.Count);
            return DeliveryOutcome.Unavailable;
        }

        ingestMetrics.Accepted(batch);
        log.Append(batch);
        return DeliveryOutcome.Applied;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply {Count} records of {Model}/{Version} from a model server")]
    private static partial void LogRouteFailed(ILogger logger, Exception exception, string model, string version, int count);
}
