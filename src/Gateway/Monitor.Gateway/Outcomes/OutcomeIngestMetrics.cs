using Prometheus;

namespace Monitor.Gateway.Outcomes;

/// <summary>Labels and business events the gateway accepted or refused, by kind and (bounded) reason.</summary>
public sealed class OutcomeIngestMetrics
{
    private readonly Counter _accepted = Prometheus.Metrics.CreateCounter(
        "monitor_outcome_records_accepted_total", "Labels and business events accepted and handed to their model or version", "kind");

    private readonly Counter _rejected = Prometheus.Metrics.CreateCounter(
        "monitor_outcome_records_rejected_total", "Labels and business events refused, by reason", "kind", "reason");

    public void Accepted(string kind, int count) => _accepted.WithLabels(kind).Inc(count);

    public void Rejected(string kind, string reason, int count = 1) => _rejected.WithLabels(kind, reason).Inc(count);
}
