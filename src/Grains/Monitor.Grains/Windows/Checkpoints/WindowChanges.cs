using Monitor.Grains.Versions.Checkpoints;

namespace Monitor.Grains.Windows.Checkpoints;

/// <summary>The pages of a window changed since its last checkpoint.</summary>
public sealed record WindowChanges(
    List<(int Slot, MetricBucket Bucket)> Coarse,
    List<(int Slot, MetricBucket Bucket)> Fine,
    List<LatencyPage> Latencies,
    List<RecentSegment> Segments)
{
    public int Pages => Coarse.Count + Fine.Count + Latencies.Count + Segments.Count;
}
