using Prometheus;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Prometheus families of ingest from model servers. The source label is one of kserve, seldon, oip,
/// bentoml; the other labels come from fixed sets, so their number is bounded.
/// </summary>
public sealed class ModelServerMetrics
{
    private readonly Counter _events = Prometheus.Metrics.CreateCounter(
        "monitor_model_server_events_total", "Events and payloads received from model servers, by kind (request, response, feedback, pair, line)", "source", "kind");

    private readonly Counter _exchanges = Prometheus.Metrics.CreateCounter(
        "monitor_model_server_exchanges_total",
        "Requests that left the join: joined to their response, timed_out (no response: failed records), evicted (the join table was full: failed records) or mismatched (response rows differ: failed records)",
        "source", "outcome");

    private readonly Counter _orphans = Prometheus.Metrics.CreateCounter(
        "monitor_model_server_orphans_total", "Responses whose request never came within the join timeout, and feedback without a prediction id", "source", "kind");

    private readonly Counter _duplicates = Prometheus.Metrics.CreateCounter(
        "monitor_model_server_duplicates_total", "Events seen again with the same id (counted, not applied twice)", "source", "kind");

    private readonly Counter _refused = Prometheus.Metrics.CreateCounter(
        "monitor_model_server_refused_total", "Events and payloads refused, by reason (invalid_event, invalid_payload, mapping, unavailable, version_cap)", "source", "reason");

    private readonly Gauge _waiting = Prometheus.Metrics.CreateGauge(
        "monitor_model_server_pending_exchanges", "Requests and responses waiting for their other half");

    public void Event(string source, string kind) => _events.WithLabels(source, kind).Inc();

    public void Exchange(string source, string outcome, int count = 1) => _exchanges.WithLabels(source, outcome).Inc(count);

    public void Orphan(string source, string kind) => _orphans.WithLabels(source, kind).Inc();

    public void Duplicate(string source, string kind) => _duplicates.WithLabels(source, kind).Inc();

    public void Refused(string source, string reason, int count = 1) => _refused.WithLabels(source, reason).Inc(count);

    public void Waiting(int count) => _waiting.Set(count);
}
