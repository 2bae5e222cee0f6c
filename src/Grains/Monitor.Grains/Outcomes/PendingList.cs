namespace Monitor.Grains.Outcomes;

/// <summary>
/// Items waiting for their prediction, in arrival order, at most <see cref="Capacity"/> of them. Remembers
/// whether it changed since it was last checkpointed (a version's list is a page of its checkpoint).
/// </summary>
[GenerateSerializer, Alias("monitor.PendingList")]
public sealed class PendingList<T>(int capacity)
    where T : struct
{
    [Id(0)] private readonly List<T> _items = [];
    [Id(1)] private readonly int _capacity = Math.Max(0, capacity);
    [NonSerialized] private bool _changed;

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
        _changed = true;
        return true;
    }

    /// <summary>Whether the list changed since the last call.</summary>
    public bool TakeChanged()
    {
        var changed = _changed;
        _changed = false;
        return changed;
    }

    /// <summary>The checkpoint holding the list was not committed: it is written again with the next one.</summary>
    public void MarkChanged() => _changed = true;

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

        _changed |= kept < _items.Count;
        _items.RemoveRange(kept, _items.Count - kept);
    }
}
