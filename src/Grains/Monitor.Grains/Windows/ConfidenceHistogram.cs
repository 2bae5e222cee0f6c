namespace Monitor.Grains.Windows;

/// <summary>Model confidences in twenty equal bins over [0, 1], with an exact count, sum and sum of squares.</summary>
[GenerateSerializer, Alias("monitor.ConfidenceHistogram")]
public sealed class ConfidenceHistogram
{
    public const int BinCount = 20;

    [Id(0)] private long[] _bins = new long[BinCount];
    [Id(1)] private long _count;
    [Id(2)] private double _sum;
    [Id(3)] private double _sumOfSquares;

    public long Count => _count;

    public double Sum => _sum;

    public double SumOfSquares => _sumOfSquares;

    public double Mean => _count == 0 ? double.NaN : _sum / _count;

    public ReadOnlySpan<long> Bins => _bins;

    public static double LowerBound(int bin) => bin / (double)BinCount;

    public static int BinOf(double confidence) => Math.Min((int)(confidence * BinCount), BinCount - 1);

    public void Add(double confidence)
    {
        _bins[BinOf(confidence)]++;
        _count++;
        _sum += confidence;
        _sumOfSquares += confidence * confidence;
    }

    public void Merge(ConfidenceHistogram other)
    {
        for (var i = 0; i < BinCount; i++)
        {
            _bins[i] += other._bins[i];
        }

        _count += other._count;
        _sum += other._sum;
        _sumOfSquares += other._sumOfSquares;
    }

    /// <summary>Records whose confidence is below the threshold, resolved to the bin edges (multiples of 0.05).</summary>
    public long CountBelow(double threshold)
    {
        var edge = (int)Math.Round(threshold * BinCount);
        long below = 0;
        for (var i = 0; i < Math.Min(edge, BinCount); i++)
        {
            below += _bins[i];
        }

        return below;
    }
}
