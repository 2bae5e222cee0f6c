using Monitor.Grains.Ingest;

namespace Monitor.Gateway.PredictionLog;

/// <summary>The prediction log as the request path sees it.</summary>
public interface IPredictionLog
{
    /// <summary>
    /// Queues every record of <paramref name="batch"/> for the log without blocking or doing I/O.
    /// Returns true when the records are queued (or the log is disabled); false when they were refused
    /// because the writer's backlog is full or the log is stopping. A refusal is never silent: it is counted
    /// (<see cref="PredictionLogWriter.RefusedRecords"/>, metric <c>monitor.prediction_log.records.refused</c>)
    /// and logged, and the caller may answer 503 instead of acknowledging the records.
    /// </summary>
    bool Append(PredictionBatch batch);

    /// <summary>
    /// Whether the backlog has room for more records. The gateway asks before it applies a request, so
    /// records are refused with 503 up front rather than applied and then missing from the log.
    /// </summary>
    bool HasRoom { get; }
}
