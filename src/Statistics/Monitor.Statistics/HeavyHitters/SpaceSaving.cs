namespace Monitor.Statistics.HeavyHitters;

/// <summary>One value a <see cref="SpaceSaving"/> summary tracks: its count, and how much of it may belong to values it replaced.</summary>
public readonly record struct HeavyHitter(string Value, long Count, long Error)
{
    /// <summary>The count the value surely has: at least this many of the stream were this value.</summary>
    public long GuaranteedCount => Count - Error;
}

/// <summary>
/// The space-saving summary of Metwally, Agrawal and El Abbadi (2005): the most frequent values of a stream in a
/// fixed number of counters. A value not tracked takes the counter of the least counted one and inherits its count
/// as its error, so every count overestimates the truth by at most its error, and every value whose true count
/// exceeds Total / Capacity is tracked. Eviction scans the counters (a capacity of tens, so a scan beats a heap).
/// </summary>
public sealed class SpaceSaving
{
    private readonly Dictionary<string, int> _slots;
    private readonly string[] _values;
    private readonly long[] _counts;
    private readonly long[] _errors;
    private int _used;

    public SpaceSaving(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _values = new string[capacity];
        _counts = new long[capacity];
        _errors = new long[capacity];
    }

    public int Capacity { get; }

    /// <summary>Items offered in all.</summary>
    public long Total { get; private set; }

    /// <summary>Values tracked now (at most <see cref="Capacity"/>).</summary>
    public int Tracked => _used;

    /// <summary>
    /// Counts <paramref name="count"/> occurrences of <paramref name="value"/>. Returns the value whose counter it
    /// took, or null when it was tracked already or a counter was free.
    /// </summary>
    public string? Offer(string value, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Total += count;
        if (_slots.TryGetValue(value, out var slot))
        {
            _counts[slot] += count;
            return null;
        }

        if (_used < Capacity)
        {
            Place(_used++, value, count, 0);
            return null;
        }

        var least = LeastCounted();
        var evicted = _values[least];
        _slots.Remove(evicted);
        Place(least, value, _counts[least] + count, _counts[least]);
        return evicted;
    }

    public bool Contains(string value) => _slots.ContainsKey(value);

    /// <summary>The tracked counter of a value; null when it is not tracked.</summary>
    public HeavyHitter? Find(string value) =>
        _slots.TryGetValue(value, out var slot) ? new HeavyHitter(value, _counts[slot], _errors[slot]) : null;

    /// <summary>The <paramref name="k"/> values counted most, most first; ties in the order of their values (ordinal).</summary>
    public IReadOnlyList<HeavyHitter> Top(int k)
    {
        var all = Entries();
        all.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        return all.Count > k ? all.GetRange(0, Math.Max(0, k)) : all;
    }

    /// <summary>Every tracked counter, in no particular order (what a checkpoint stores).</summary>
    public List<HeavyHitter> Entries()
    {
        var entries = new List<HeavyHitter>(_used);
        for (var i = 0; i < _used; i++)
        {
            entries.Add(new HeavyHitter(_values[i], _counts[i], _errors[i]));
        }

        return entries;
    }

    /// <summary>A summary holding stored counters; those beyond the capacity (a smaller capacity now) are dropped, least counted first.</summary>
    public static SpaceSaving Restore(int capacity, long total, IEnumerable<HeavyHitter> entries)
    {
        var summary = new SpaceSaving(capacity) { Total = total };
        foreach (var entry in entries.OrderByDescending(e => e.Count).Take(capacity))
        {
            if (!summary._slots.ContainsKey(entry.Value))
            {
                summary.Place(summary._used++, entry.Value, entry.Count, entry.Error);
            }
        }

        return summary;
    }

    private void Place(int slot, string value, long count, long error)
    {
        _values[slot] = value;
        _counts[slot] = count;
        _errors[slot] = error;
        _slots[value] = slot;
    }

    private int LeastCounted()
    {
        var least = 0;
        for (var i = 1; i < _used; i++)
        {
            if (_counts[i] < _counts[least])
            {
                least = i;
            }
        }

        return least;
    }
}
