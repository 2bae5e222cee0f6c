namespace Monitor.Grains.Windows;

/// <summary>
/// A mergeable quantile sketch with a relative-error guarantee (the DDSketch construction): every
/// value falls into a logarithmic bin whose representative is within <see cref="RelativeAccuracy"/>
/// of it, so any quantile answered is within that relative error of a sample at the requested rank.
/// Count, sum, sum of squares, minimum and maximum are exact.
/// </summary>
[GenerateSerializer, Alias("monitor.QuantileSketch")]
public sealed class QuantileSketch
{
    /// <summary>Relative accuracy of every bin: half a percent, so answers stay well inside 1%.</summary>
    public const double RelativeAccuracy = 0.005;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double InverseLogGamma = 1.0 / Math.Log(Gamma);

    [Id(0)] private SketchStore _positive = new();
    // Read-only stand-in while no value is negative (latencies never are): an empty store takes 56 bytes.
    private static readonly SketchStore NoValues = new();

    [Id(1)] private SketchStore? _negative;
    [Id(2)] private long _zeroCount;
    [Id(3)] private double _sum;
    [Id(4)] private double _min = double.PositiveInfinity;
    [Id(5)] private double _max = double.NegativeInfinity;
    [Id(6)] private double _sumOfSquares;

    // Σ(x − mean)², kept by Welford's update and Chan's merge so a variance stays exact when the mean is large against
    // the spread (latencies of 1e5 ms within 0.1 ms), where Σx² − (Σx)²/n cancels. Sketches stored before it was kept
    // have no tracked values (_trackedCount 0): their part is taken from the sums.
    [Id(7)] private double _squaredDeviations;
    [Id(8)] private long _trackedCount;

    public long Count => _positive.Total + Negative.Total + _zeroCount;

    public double Sum => _sum;

    /// <summary>Σx², so a variance (and Welch's t) can be had without the raw values.</summary>
    public double SumOfSquares => _sumOfSquares;

    public double Min => Count == 0 ? double.NaN : _min;

    public double Max => Count == 0 ? double.NaN : _max;

    public double Mean => Count == 0 ? double.NaN : _sum / Count;

    /// <summary>Σ(x − mean)², for a variance that holds whatever the mean (what Welch's test needs).</summary>
    public double SquaredDeviations => _trackedCount == Count ? _squaredDeviations : FromSums(Count, _sum, _sumOfSquares);

    /// <summary>Bytes held by the bins' arrays: it follows the distinct bins occupied, not the range of the values.</summary>
    public long FootprintBytes => _positive.FootprintBytes + Negative.FootprintBytes;

    /// <summary>Packs the bins of a sketch that will rarely change again (see <see cref="SketchStore.Pack"/>); every answer stays the same.</summary>
    public void Pack()
    {
        _positive.Pack();
        _negative?.Pack();
        if (_negative is { IsEmpty: true })
        {
            _negative = null;
        }
    }

    public void Add(double value)
    {
        // Every magnitude has its bin (the bound holds for sub-nanosecond latencies too); only zero has none.
        var before = Count;
        if (value > 0)
        {
            _positive.Add(IndexOf(value), 1);
        }
        else if (value < 0)
        {
            (_negative ??= new SketchStore()).Add(IndexOf(-value), 1);
        }
        else
        {
            _zeroCount++;
        }

        if (_trackedCount == before)
        {
            var oldMean = before == 0 ? 0 : _sum / before;
            var newMean = (_sum + value) / (before + 1);
            _squaredDeviations += (value - oldMean) * (value - newMean);
            _trackedCount++;
        }

        _sum += value;
        _sumOfSquares += value * value;
        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }
    }

    public void Merge(QuantileSketch other)
    {
        if (other.Count == 0)
        {
            return;
        }

        long n1 = Count, n2 = other.Count;
        var m2 = n1 == 0 ? other.SquaredDeviations
            : SquaredDeviations + other.SquaredDeviations + (Square((other._sum / n2) - (_sum / n1)) * ((double)n1 * n2 / (n1 + n2)));
        _positive.Merge(other._positive);
        if (other._negative is { IsEmpty: false } negative)
        {
            (_negative ??= new SketchStore()).Merge(negative);
        }

        _zeroCount += other._zeroCount;
        _squaredDeviations = m2;
        _trackedCount = n1 + n2;
        _sum += other._sum;
        _sumOfSquares += other._sumOfSquares;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    /// <summary>
    /// The value at quantile q (0..1) by numpy's linear method over the bins' representatives,
    /// clamped to the exact minimum and maximum. NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        var n = Count;
        if (n == 0)
        {
            return double.NaN;
        }

        var rank = q * (n - 1);
        if (rank <= 0)
        {
            return _min;
        }

        if (rank >= n - 1)
        {
            return _max;
        }

        // Interpolate between the two ranks around q·(n−1) as numpy does; both ends are within the
        // relative accuracy of their samples, so the interpolation is within it of numpy's answer.
        var low = Math.Floor(rank);
        var lowValue = ValueAtRank(low);
        var highValue = ValueAtRank(low + 1);
        return Math.Clamp(lowValue + ((rank - low) * (highValue - lowValue)), _min, _max);
    }

    private double ValueAtRank(double rank)
    {
        var negative = Negative;
        if (rank < negative.Total)
        {
            return -ValueOf(negative.IndexOfRankFromTop(rank));
        }

        if (rank < negative.Total + _zeroCount)
        {
            return 0;
        }

        return ValueOf(_positive.IndexOfRank(rank - negative.Total - _zeroCount));
    }

    public QuantileSketch Copy() => new()
    {
        _positive = _positive.Copy(),
        _negative = _negative?.Copy(),
        _zeroCount = _zeroCount,
        _sum = _sum,
        _sumOfSquares = _sumOfSquares,
        _squaredDeviations = _squaredDeviations,
        _trackedCount = _trackedCount,
        _min = _min,
        _max = _max,
    };

    /// <summary>
    /// The sketch as ascending bin representatives with their counts (zeros as one value), for rank
    /// tests: values within the relative accuracy of each other count as ties.
    /// </summary>
    public (double[] Values, long[] Counts) Groups()
    {
        // Negative values: the highest bin index is the most negative value, so they are visited and then reversed.
        var negatives = new List<(double Value, long Count)>();
        Negative.ForEachBin((index, count) => negatives.Add((-ValueOf(index), count)));
        negatives.Reverse();
        var values = new List<double>(negatives.Count + 1);
        var counts = new List<long>(negatives.Count + 1);
        foreach (var (value, count) in negatives)
        {
            values.Add(value);
            counts.Add(count);
        }

        if (_zeroCount > 0)
        {
            values.Add(0);
            counts.Add(_zeroCount);
        }

        _positive.ForEachBin((index, count) =>
        {
            values.Add(ValueOf(index));
            counts.Add(count);
        });
        return ([.. values], [.. counts]);
    }

    private SketchStore Negative => _negative ?? NoValues;

    private static int IndexOf(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) * InverseLogGamma);

    // The representative that is within RelativeAccuracy of every value in bin i: (γ^(i-1), γ^i]. Taken from γ^(i-1),
    // which is below the bin's values, so it overflows only for values within the accuracy of double.MaxValue.
    private static double ValueOf(int index) => Math.Pow(Gamma, index - 1) * (2 * Gamma / (Gamma + 1));

    private static double FromSums(long count, double sum, double sumOfSquares) =>
        count == 0 ? 0 : Math.Max(0, sumOfSquares - (sum * sum / count));

    private static double Square(double x) => x * x;
}
