using Monitor.Gateway.Ingest;
using Prometheus;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Labels and business events the gateway accepted or refused, by kind and (bounded) reason. Every series is
/// exported at 0 from the start, so Prometheus's <c>rate()</c> sees the first refusals.
/// </summary>
public sealed class OutcomeIngestMetrics
{
    private static readonly string[] Kinds = ["label", "event"];

    // Reasons given at call sites besides the per-record ones (RejectionReasons).
    private static readonly string[] RequestReasons = ["body_too_large", "invalid_body", "unknown_version", "unknown_model", "unavailable"];

    private readonly Counter _accepted = Prometheus.Metrics.CreateCounter(
        "monitor_outcome_records_accepted_total", "Labels and business events accepted and handed to their model or version", "kind");

    private readonly Counter _rejected = Prometheus.Metrics.CreateCounter(
        "monitor_outcome_records_rejected_total", "Labels and business events refused, by reason", "kind", "reason");

    public OutcomeIngestMetrics()
    {
        foreach (var kind in Kinds)
        {
            _accepted.WithLabels(kind);
            foreach (var reason in RejectionReasons.All.Select(r => r.ToLabel()).Concat(RequestReasons))
            {
                _rejected.WithLabels(kind, reason);
            }
        }
    }

    public void Accepted(string kind, int count) => _accepted.WithLabels(kind).Inc(count);

    public void Rejected(string kind, string reason, int count = 1) => _rejected.WithLabels(kind, reason).Inc(count);
}
