namespace Monitor.Client;

/// <summary>
/// What happened to the records given to a <see cref="MonitorClient"/>. Every enqueued record ends up in
/// exactly one of Sent, Rejected, Failed or Dropped, or is still Pending.
/// </summary>
/// <param name="Enqueued">Records the client accepted.</param>
/// <param name="Sent">Records Monitor accepted.</param>
/// <param name="Rejected">Records Monitor refused as invalid (see <see cref="MonitorClientOptions.OnRejected"/>).</param>
/// <param name="Failed">Records given up on: retries exhausted, or an answer that retrying cannot fix.</param>
/// <param name="Dropped">Records discarded unsent: the oldest when the queue was full, those offered after disposal, and those still queued when shutdown timed out.</param>
public readonly record struct MonitorClientCounters(long Enqueued, long Sent, long Rejected, long Failed, long Dropped)
{
    public long Pending => Enqueued - Sent - Rejected - Failed - Dropped;
}
