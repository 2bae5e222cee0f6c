using Monitor.Statistics.Sketches;

namespace Monitor.Grains.Windows;

/// <summary>Model confidences in twenty equal bins over [0, 1], with an exact count, sum and sum of squares.</summary>
[GenerateSerializer, Alias("monitor.ConfidenceHistogram")]
public sealed class ConfidenceHistogram
{
    public const int BinCount = 20;

    // Null while packed (see Pack): the twenty counts as varints in _packed, a few dozen bytes instead of 184.
    [Id(0)] private long[]? _bins = new long[BinCount];
    [Id(1)] private long _count;
    [Id(2)] private double _sum;
    [Id(3)] private double _sumOfSquares;
    [Id(4)] private byte[]? _packed;

    public long Count => _count;

    public double Sum => _sum;

    public double SumOfSquares => _sumOfSquares;

    public double Mean => _count == 0 ? double.NaN : _sum / _count;

    /// <summary>The counts per bin (read from the packed form, unchanged, when the histogram is packed).</summary>
    public ReadOnlySpan<long> Bins => _packed is null ? _bins : Unpacked();

    public bool IsPacked => _packed is not null;

    public static double LowerBound(int bin) => bin / (double)BinCount;

    public static int BinOf(double confidence) => Math.Min((int)(confidence * BinCount), BinCount - 1);

    public void Add(double confidence)
    {
        (_packed is null ? _bins! : Unpack())[BinOf(confidence)]++;
        _count++;
        _sum += confidence;
        _sumOfSquares += confidence * confidence;
    }

    public void Merge(ConfidenceHistogram other)
    {
        var bins = _packed is null ? _bins! : Unpack();
        var others = other.Bins;
        for (var i = 0; i < BinCount; i++)
        {
            bins[i] += others[i];
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
        var bins = Bins;
        for (var i = 0; i < Math.Min(edge, BinCount); i++)
        {
            below += bins[i];
        }

        return below;
    }

    /// <summary>Packs the bins of a histogram whose bucket is over (lossless); the next add or merge into it unpacks them.</summary>
    public void Pack()
    {
        if (_packed is not null || _bins is null)
        {
            return;
        }

        var packed = new Varint(BinCount * 2);
        foreach (var count in _bins)
        {
            packed.Write((ulong)count);
        }

        _packed = packed.ToArray();
        _bins = null;
    }

    private long[] Unpack()
    {
        _bins = Unpacked();
        _packed = null;
        return _bins;
    }

    private long[] Unpacked()
    {
        var bins = new long[BinCount];
        var reader = new Varint.Reader(_packed);
        for (var i = 0; i < BinCount; i++)
        {
            bins[i] = (long)reader.Read();
        }

        return bins;
    }
}
