namespace Monitor.Grains.Outcomes;

/// <summary>
/// The most recent values with their times, so a period's values can be had exactly while every one
/// of them is still held; remembers the newest time it has dropped to tell when that is. Grows to its
/// capacity as values arrive, so a version that never sees any stores nothing.
/// </summary>
/// <remarks>
/// Checkpointed as pages of <see cref="PageSize"/> entries (<see cref="OutcomePages"/>): the ring's position
/// and counters are in the checkpoint's core, its values in the pages, and a checkpoint writes only the pages
/// written to since the last one.
/// </remarks>
[GenerateSerializer, Alias("monitor.TimedValueRing")]
public sealed class TimedValueRing
{
    public const int PageSize = 512;

    [NonSerialized] private double[] _values = [];
    [NonSerialized] private long[] _times = [];
    [NonSerialized] private HashSet<int> _changed = [];
    [Id(2)] private int _next;
    [Id(3)] private int _count;
    [Id(4)] private long _newestDroppedMs = long.MinValue;
    [Id(5)] private readonly int _capacity;

    /// <summary>The length of the ring as it has grown (its pages' extent).</summary>
    [Id(6)] private int _length;

    public TimedValueRing(int capacity) => _capacity = Math.Max(1, capacity);

    public int Count => _count;

    /// <summary>Pages holding values: while the ring grows it has not wrapped, so its values are the first <see cref="Count"/> entries.</summary>
    public int PagesHeld => (_count + PageSize - 1) / PageSize;

    public void Add(long timeMs, double value)
    {
        if (_count == _length && _length < _capacity)
        {
            // Still growing: the ring has not wrapped, so the values are in order from 0.
            _length = Math.Min(_capacity, Math.Max(64, _length * 2));
            Array.Resize(ref _values, _length);
            Array.Resize(ref _times, _length);
            _next = _count;
        }

        if (_count == _length)
        {
            _newestDroppedMs = Math.Max(_newestDroppedMs, _times[_next]);
        }
        else
        {
            _count++;
        }

        _values[_next] = value;
        _times[_next] = timeMs;
        _changed.Add(_next / PageSize);
        _next = (_next + 1) % _length;
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

    /// <summary>The pages written to since the last call, to checkpoint.</summary>
    public int[] TakeChanged()
    {
        int[] pages = [.. _changed];
        _changed.Clear();
        return pages;
    }

    /// <summary>Pages whose checkpoint was not committed: they are written again with the next one.</summary>
    public void MarkChanged(IEnumerable<int> pages) => _changed.UnionWith(pages);

    /// <summary>A copy of one page's entries.</summary>
    public TimedValuePage Page(int page)
    {
        var from = page * PageSize;
        var to = Math.Min(_length, from + PageSize);
        return new TimedValuePage { Values = _values[from..to], Times = _times[from..to] };
    }

    /// <summary>
    /// Puts the stored pages back after the core's counters were read. A page missing from storage empties the
    /// ring, and it then holds no period exactly until it refills (its values from before <paramref name="nowMs"/> are gone).
    /// </summary>
    public void Restore(IReadOnlyList<TimedValuePage?> pages, long nowMs)
    {
        _values = new double[_length];
        _times = new long[_length];
        _changed = [];
        for (var page = 0; page < PagesHeld; page++)
        {
            var from = page * PageSize;
            var needed = Math.Min(_count, from + PageSize) - from;
            if (page >= pages.Count || pages[page] is not { } stored || stored.Values.Length < needed
                || stored.Times.Length != stored.Values.Length || from + stored.Values.Length > _length)
            {
                _values = [];
                _times = [];
                _length = _next = _count = 0;
                _newestDroppedMs = Math.Max(_newestDroppedMs, nowMs);
                return;
            }

            stored.Values.CopyTo(_values, from);
            stored.Times.CopyTo(_times, from);
        }
    }
}

/// <summary>One page of a <see cref="TimedValueRing"/>: at most <see cref="TimedValueRing.PageSize"/> values with their times.</summary>
[GenerateSerializer, Alias("monitor.TimedValuePage")]
public sealed class TimedValuePage
{
    [Id(0)] public double[] Values { get; init; } = [];
    [Id(1)] public long[] Times { get; init; } = [];
}
