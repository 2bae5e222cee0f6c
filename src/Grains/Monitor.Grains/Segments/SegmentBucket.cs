using Monitor.Grains.Windows;

namespace Monitor.Grains.Segments;

/// <summary>One segment's records in one time bucket: counts, a latency sketch and confidence sums.</summary>
[GenerateSerializer, Alias("monitor.SegmentBucket")]
public sealed class SegmentBucket
{
    public SegmentBucket(long startMs) => StartMs = startMs;

    [Id(0)] public long StartMs { get; private set; }
    [Id(1)] public long Count { get; private set; }
    [Id(2)] public long Errors { get; private set; }
    [Id(3)] public QuantileSketch Latency { get; private set; } = new();
    [Id(4)] public long ConfidenceCount { get; private set; }
    [Id(5)] public double ConfidenceSum { get; private set; }
    [Id(6)] public long LowConfidence { get; private set; }

    public void Add(double latencyMs, bool succeeded, double confidence, double lowThreshold)
    {
        Count++;
        if (!succeeded)
        {
            Errors++;
        }

        if (!double.IsNaN(latencyMs))
        {
            Latency.Add(latencyMs);
        }

        if (!double.IsNaN(confidence))
        {
            ConfidenceCount++;
            ConfidenceSum += confidence;
            if (confidence < lowThreshold)
            {
                LowConfidence++;
            }
        }
    }

    public void Merge(SegmentBucket other)
    {
        Count += other.Count;
        Errors += other.Errors;
        Latency.Merge(other.Latency);
        ConfidenceCount += other.ConfidenceCount;
        ConfidenceSum += other.ConfidenceSum;
        LowConfidence += other.LowConfidence;
    }
}
