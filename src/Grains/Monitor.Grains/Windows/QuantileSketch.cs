namespace Monitor.Grains.Windows;

/// <summary>
/// A mergeable quantile sketch with a relative-error guarantee (the DDSketch construction): every
/// value falls into a logarithmic bin whose representative is within <see cref="RelativeAccuracy"/>
/// of it, so any quantile answered is within that relative error of a sample at the requested rank.
/// Count, sum, minimum and maximum are exact.
/// </summary>
[GenerateSerializer, Alias("monitor.QuantileSketch")]
public sealed class QuantileSketch
{
    /// <summary>Relative accuracy of every bin: half a percent, so answers stay well inside 1%.</summary>
    public const double RelativeAccuracy = 0.005;

    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double InverseLogGamma = 1.0 / Math.Log(Gamma);

    // Values closer to zero than this share the zero bin; sub-nanosecond latencies carry no information.
    private const double MinIndexable = 1e-9;

    [Id(0)] private SketchStore _positive = new();
    [Id(1)] private SketchStore _negative = new();
    [Id(2)] private long _zeroCount;
    [Id(3)] private double _sum;
    [Id(4)] private double _min = double.PositiveInfinity;
    [Id(5)] private double _max = double.NegativeInfinity;

    public long Count => _positive.Total + _negative.Total + _zeroCount;

    public double Sum => _sum;

    public double Min => Count == 0 ? double.NaN : _min;

    public double Max => Count == 0 ? double.NaN : _max;

    public double Mean => Count == 0 ? double.NaN : _sum / Count;

    /// <summary>Bytes held by the bins' arrays: it follows the distinct bins occupied, not the range of the values.</summary>
    public long FootprintBytes => _positive.FootprintBytes + _negative.FootprintBytes;

    public void Add(double value)
    {
        if (value > MinIndexable)
        {
            _positive.Add(IndexOf(value), 1);
        }
        else if (value < -MinIndexable)
        {
            _negative.Add(IndexOf(-value), 1);
        }
        else
        {
            _zeroCount++;
        }

        _sum += value;
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

        _positive.Merge(other._positive);
        _negative.Merge(other._negative);
        _zeroCount += other._zeroCount;
        _sum += other._sum;
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
        if (rank < _negative.Total)
        {
            return -ValueOf(_negative.IndexOfRankFromTop(rank));
        }

        if (rank < _negative.Total + _zeroCount)
        {
            return 0;
        }

        return ValueOf(_positive.IndexOfRank(rank - _negative.Total - _zeroCount));
    }

    public QuantileSketch Copy() => new()
    {
        _positive = _positive.Copy(),
        _negative = _negative.Copy(),
        _zeroCount = _zeroCount,
        _sum = _sum,
        _min = _min,
        _max = _max,
    };

    private static int IndexOf(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) * InverseLogGamma);

    // The representative that is within RelativeAccuracy of every value in bin i: (γ^(i-1), γ^i].
    private static double ValueOf(int index) => 2 * Math.Pow(Gamma, index) / (Gamma + 1);
}
