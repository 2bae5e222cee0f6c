namespace Monitor.Grains.Outcomes;

/// <summary>Items waiting for their prediction, in arrival order, at most <see cref="Capacity"/> of them.</summary>
[GenerateSerializer, Alias("monitor.PendingList")]
public sealed class PendingList<T>(int capacity)
    where T : struct
{
    [Id(0)] private readonly List<T> _items = [];
    [Id(1)] private readonly int _capacity = Math.Max(0, capacity);

    public int Count => _items.Count;

    public int Capacity => _capacity;

    public IReadOnlyList<T> Items => _items;

    /// <summary>False when full: the caller counts the item as not joinable instead.</summary>
    public bool TryAdd(T item)
    {
        if (_items.Count >= _capacity)
        {
            return false;
        }

        _items.Add(item);
        return true;
    }

    /// <summary>Drops the items at the positions marked true, keeping the order of the rest.</summary>
    public void RemoveMarked(ReadOnlySpan<bool> marked)
    {
        var kept = 0;
        for (var i = 0; i < _items.Count; i++)
        {
            if (i >= marked.Length || !marked[i])
            {
                _items[kept++] = _items[i];
            }
        }

        _items.RemoveRange(kept, _items.Count - kept);
    }
}
