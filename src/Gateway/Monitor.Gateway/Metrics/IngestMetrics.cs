using System.Collections.Concurrent;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Ingest;
using Prometheus;

namespace Monitor.Gateway.Metrics;

/// <summary>
/// The Prometheus families of ingest. The first four keep the Python baseline's names, types and
/// buckets (with a <c>model</c> label beside <c>model_version</c>); label values are bounded by the
/// registry's version cap and the fixed set of rejection reasons. Every series a version can have is
/// exported at 0 from the moment this gateway knows the version (<see cref="Register"/>), and every reason
/// from the start, so Prometheus's <c>rate()</c> sees a version's first errors and first refusals.
/// </summary>
public sealed class IngestMetrics
{
    // prometheus_client's default buckets, so dashboards built on the baseline keep working.
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0];
    private static readonly double[] ConfidenceBuckets = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0];

    private readonly Counter _predictions = Prometheus.Metrics.CreateCounter(
        "predictions_total", "Total number of predictions", "model", "model_version", "status");

    private readonly Histogram _latency = Prometheus.Metrics.CreateHistogram(
        "prediction_latency_seconds", "Prediction latency in seconds",
        new HistogramConfiguration { LabelNames = ["model", "model_version"], Buckets = LatencyBuckets });

    private readonly Histogram _confidence = Prometheus.Metrics.CreateHistogram(
        "model_confidence", "Model confidence scores",
        new HistogramConfiguration { LabelNames = ["model", "model_version"], Buckets = ConfidenceBuckets });

    private readonly Counter _accepted = Prometheus.Metrics.CreateCounter(
        "monitor_ingest_records_accepted_total", "Telemetry records accepted and applied to their model version");

    private readonly Counter _rejected = Prometheus.Metrics.CreateCounter(
        "monitor_ingest_records_rejected_total", "Telemetry records refused, by reason", "reason");

    // Reasons given at call sites besides the per-record ones (RejectionReasons).
    private static readonly string[] RequestReasons = ["body_too_large", "invalid_body", "unavailable", "buffer_full", "version_cap"];

    private readonly ConcurrentDictionary<(string, string), VersionSeries> _series = new();

    public IngestMetrics()
    {
        foreach (var reason in RejectionReasons.All.Select(r => r.ToLabel()).Concat(RequestReasons))
        {
            _rejected.WithLabels(reason);
        }
    }

    public Gauge ActiveRequests { get; } = Prometheus.Metrics.CreateGauge("active_requests", "Number of active requests");

    /// <summary>Exports the version's series at 0 (their children are published as they are created).</summary>
    public void Register(string model, string version) => SeriesOf(model, version);

    public void Accepted(PredictionBatch batch)
    {
        var series = SeriesOf(batch.Model, batch.Version);
        var errors = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            errors += batch.Succeeded[i] ? 0 : 1;
            series.Latency.Observe(batch.LatenciesMs[i] / 1000.0);
            var confidence = batch.Confidences[i];
            if (!double.IsNaN(confidence))
            {
                series.Confidence.Observe(confidence);
            }
        }

        series.Success.Inc(batch.Count - errors);
        if (errors > 0)
        {
            series.Error.Inc(errors);
        }

        _accepted.Inc(batch.Count);
    }

    private VersionSeries SeriesOf(string model, string version) =>
        _series.GetOrAdd((model, version), static (key, metrics) => new VersionSeries(metrics, key.Item1, key.Item2), this);

    public void Rejected(string reason, int count = 1) => _rejected.WithLabels(reason).Inc(count);

    /// <summary>One version's children, looked up once per batch rather than per record.</summary>
    private sealed class VersionSeries(IngestMetrics metrics, string model, string version)
    {
        public Counter.Child Success { get; } = metrics._predictions.WithLabels(model, version, "success");
        public Counter.Child Error { get; } = metrics._predictions.WithLabels(model, version, "error");
        public Histogram.Child Latency { get; } = metrics._latency.WithLabels(model, version);
        public Histogram.Child Confidence { get; } = metrics._confidence.WithLabels(model, version);
    }
}
