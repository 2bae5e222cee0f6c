namespace Monitor.Grains.Outcomes;

/// <summary>
/// The most recent values with their times, so a period's values can be had exactly while every one
/// of them is still held; remembers the newest time it has dropped to tell when that is. Grows to its
/// capacity as values arrive, so a version that never sees any stores nothing.
/// </summary>
[GenerateSerializer, Alias("monitor.TimedValueRing")]
public sealed class TimedValueRing
{
    [Id(0)] private double[] _values = [];
    [Id(1)] private long[] _times = [];
    [Id(2)] private int _next;
    [Id(3)] private int _count;
    [Id(4)] private long _newestDroppedMs = long.MinValue;
    [Id(5)] private readonly int _capacity;

    public TimedValueRing(int capacity) => _capacity = Math.Max(1, capacity);

    public int Count => _count;

    public void Add(long timeMs, double value)
    {
        if (_count == _values.Length && _values.Length < _capacity)
        {
            // Still growing: the ring has not wrapped, so the values are in order from 0.
            var length = Math.Min(_capacity, Math.Max(64, _values.Length * 2));
            Array.Resize(ref _values, length);
            Array.Resize(ref _times, length);
            _next = _count;
        }

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
