using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Segments;

/// <summary>
/// One segment's records in one time bucket: counts, a latency sketch and confidence sums, the confidence cells of
/// its predictions (the performance estimate) and the labels joined to its predictions, by the label's time.
/// </summary>
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
    [Id(7)] public OutcomeBucket? Outcomes { get; private set; }
    [Id(8)] public ConfidenceCells? Estimates { get; private set; }
    [Id(9)] public double ConfidenceSquares { get; private set; }

    public OutcomeBucket OutcomesOrNew() => Outcomes ??= new OutcomeBucket();

    /// <summary>Counts a successful prediction of a class with a confidence for the estimate (what labels will score).</summary>
    public void AddEstimate(string predictedClass, double confidence) => (Estimates ??= new ConfidenceCells()).Add(predictedClass, confidence);

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
            ConfidenceSquares += confidence * confidence;
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
        ConfidenceSquares += other.ConfidenceSquares;
        LowConfidence += other.LowConfidence;
        if (other.Outcomes is not null)
        {
            OutcomesOrNew().Merge(other.Outcomes);
        }

        if (other.Estimates is not null)
        {
            (Estimates ??= new ConfidenceCells()).Merge(other.Estimates);
        }
    }
}
