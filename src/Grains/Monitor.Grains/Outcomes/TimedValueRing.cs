namespace Monitor.Grains.Outcomes;

/// <summary>
/// The most recent values with their times, so a period's values can be had exactly while every one
/// of them is still held; remembers the newest time it has dropped to tell when that is.
/// </summary>
[GenerateSerializer, Alias("monitor.TimedValueRing")]
public sealed class TimedValueRing
{
    [Id(0)] private readonly double[] _values;
    [Id(1)] private readonly long[] _times;
    [Id(2)] private int _next;
    [Id(3)] private int _count;
    [Id(4)] private long _newestDroppedMs = long.MinValue;

    public TimedValueRing(int capacity)
    {
        _values = new double[Math.Max(1, capacity)];
        _times = new long[_values.Length];
    }

    public int Count => _count;

    public void Add(long timeMs, double value)
    {
        if (_count == _values.Length)
        {
            _newestDroppedMs = Math.Max(_newestDroppedMs, _times[_next]);
        }
        else
        {
            _count++;
        }

        _values[_next] = value;
        _times[_next] = timeMs;
        _next = (_next + 1) % _values.Length;
    }

    /// <summary>True when no value with a time in [fromMs, ∞) has been dropped.</summary>
    public bool HoldsEverythingSince(long fromMs) => _newestDroppedMs < fromMs;

    /// <summary>The values with a time in [fromMs, toMs).</summary>
    public List<double> Select(long fromMs, long toMs)
    {
        var selected = new List<double>();
        for (var i = 0; i < _count; i++)
        {
            if (_times[i] >= fromMs && _times[i] < toMs)
            {
                selected.Add(_values[i]);
            }
        }

        return selected;
    }
}
