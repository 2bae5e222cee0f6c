using Prometheus;

namespace Monitor.Grains.Segments;

/// <summary>
/// The Prometheus families of segments, exported by the silo that holds each version. Only a version's top K
/// values per key and "other" have series, and one silo exports at most Monitor:Segments:MaxSeriesPerNode of them
/// over all its versions (<see cref="Budget"/>): a version whose segments do not fit exports none rather than some.
/// </summary>
public static class SegmentGauges
{
    private static readonly string[] Labels = ["model", "model_version", "segment_key", "segment"];

    public static Gauge Requests { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_segment_requests", "Records of the segment over the last bucket span (Monitor:Segments:BucketWidth)", Labels);

    public static Gauge SuccessRatio { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_segment_success_ratio", "Share of the segment's records over the last bucket span that succeeded", Labels);

    public static Gauge LatencyP95 { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_segment_latency_p95_milliseconds", "95th percentile latency of the segment's records over the last bucket span", Labels);

    public static Gauge DatasetDrifted { get; } = Prometheus.Metrics.CreateGauge(
        "monitor_segment_drift_dataset_drifted", "1 when the segment's dataset drift verdict is drift, else 0; absent while it has no verdict", Labels);

    public static IReadOnlyList<Gauge> All { get; } = [Requests, SuccessRatio, LatencyP95, DatasetDrifted];

    /// <summary>The series this silo exports per segment: one per family.</summary>
    public static int SeriesPerSegment => All.Count;

    public static SeriesBudget Budget { get; } = new();

    /// <summary>Series slots shared by every version on the silo.</summary>
    public sealed class SeriesBudget
    {
        private int _used;

        public int Used => Volatile.Read(ref _used);

        /// <summary>Takes <paramref name="series"/> slots when they fit under <paramref name="cap"/>.</summary>
        public bool TryTake(int series, int cap)
        {
            while (true)
            {
                var used = Volatile.Read(ref _used);
                if (used + series > cap)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _used, used + series, used) == used)
                {
                    return true;
                }
            }
        }

        public void Release(int series) => Interlocked.Add(ref _used, -series);
    }
}
