using Monitor.Grains.Windows;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// Business events by type id (0 click, 1 conversion, 2 revenue, then custom types): how many count,
/// how many of those were joined to their prediction, the duplicates left out, and the sums of their
/// values; revenue amounts also in a sketch, for rank tests over periods the raw samples no longer cover.
/// </summary>
[GenerateSerializer, Alias("monitor.EventTally")]
public sealed class EventTally
{
    public const int ClickId = 0;
    public const int ConversionId = 1;
    public const int RevenueId = 2;

    [Id(0)] private long[] _counted = new long[3];
    [Id(1)] private long[] _matched = new long[3];
    [Id(2)] private long[] _duplicates = new long[3];
    [Id(3)] private double[] _valueSums = new double[3];
    [Id(4)] private double[] _valueSquares = new double[3];
    [Id(5)] private QuantileSketch? _revenue;

    public int Types => _counted.Length;

    public long Counted(int type) => type < _counted.Length ? _counted[type] : 0;

    public long Matched(int type) => type < _matched.Length ? _matched[type] : 0;

    public long Duplicates(int type) => type < _duplicates.Length ? _duplicates[type] : 0;

    public double ValueSum(int type) => type < _valueSums.Length ? _valueSums[type] : 0;

    public double ValueSquares(int type) => type < _valueSquares.Length ? _valueSquares[type] : 0;

    public QuantileSketch? RevenueAmounts => _revenue;

    public void Count(int type, double value, bool matched)
    {
        Ensure(type);
        _counted[type]++;
        _matched[type] += matched ? 1 : 0;
        if (!double.IsNaN(value))
        {
            _valueSums[type] += value;
            _valueSquares[type] += value * value;
            if (type == RevenueId)
            {
                (_revenue ??= new QuantileSketch()).Add(value);
            }
        }
    }

    public void CountDuplicate(int type)
    {
        Ensure(type);
        _duplicates[type]++;
    }

    public void Merge(EventTally other)
    {
        Ensure(other.Types - 1);
        for (var t = 0; t < other.Types; t++)
        {
            _counted[t] += other._counted[t];
            _matched[t] += other._matched[t];
            _duplicates[t] += other._duplicates[t];
            _valueSums[t] += other._valueSums[t];
            _valueSquares[t] += other._valueSquares[t];
        }

        if (other._revenue is not null)
        {
            (_revenue ??= new QuantileSketch()).Merge(other._revenue);
        }
    }

    private void Ensure(int type)
    {
        if (type < _counted.Length)
        {
            return;
        }

        var length = type + 1;
        Array.Resize(ref _counted, length);
        Array.Resize(ref _matched, length);
        Array.Resize(ref _duplicates, length);
        Array.Resize(ref _valueSums, length);
        Array.Resize(ref _valueSquares, length);
    }
}
