using Prometheus;

namespace Monitor.Gateway.Durability;

/// <summary>The ingest log's series on /metrics.</summary>
public sealed class IngestLogMetrics
{
    public Counter TornEntries { get; } = Prometheus.Metrics.CreateCounter(
        "monitor_ingest_log_torn_entries_total", "Unreadable ends of ingest log segments skipped at replay (an entry cut off by a crash during its write)");

    public Counter ReplayedRecords { get; } = Prometheus.Metrics.CreateCounter(
        "monitor_ingest_log_replayed_records_total", "Records of acknowledged ingest calls sent again to their versions from the ingest log after a restart");

    public Counter ResentRecords { get; } = Prometheus.Metrics.CreateCounter(
        "monitor_ingest_resent_records_total", "Records of acknowledged ingest calls sent again to a version that lost them (its silo died before its checkpoint held them)");

    public Gauge Segments { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_ingest_log_segments", "Ingest log segment files not yet held by every version's checkpoint");
}
