using System.Runtime.Intrinsics.X86;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// Prediction-id key → ring slot, by open addressing with linear probing over one array of
/// (key, slot) pairs: a lookup usually touches one cache line, where a <see cref="Dictionary{TKey,TValue}"/>
/// touches two or three. Keys are already uniform 64-bit hashes, so their low bits pick the home
/// position; 0 marks an empty place (no id hashes to 0). Deletion shifts the rest of the run back,
/// so there are no tombstones. Kept at most 60% full.
/// </summary>
internal sealed class KeySlotTable
{
    private Entry[] _entries;
    private int _mask;
    private int _count;

    public KeySlotTable(int expected)
    {
        var size = 1024;
        while (size * 0.6 < expected)
        {
            size *= 2;
        }

        _entries = new Entry[size];
        _mask = size - 1;
    }

    public int Count => _count;

    /// <summary>Asks the CPU to start loading the key's home position, so a later lookup or insert finds it in cache.</summary>
    public unsafe void Prefetch(ulong key)
    {
        if (Sse.IsSupported)
        {
            fixed (Entry* entry = &_entries[(int)key & _mask])
            {
                Sse.Prefetch0(entry);
            }
        }
    }

    /// <summary>True when one more key would make the table grow (prefetching before that would be wasted).</summary>
    public bool IsFull => _count + 1 > _entries.Length * 0.6;

    public bool TryGet(ulong key, out int slot)
    {
        var entries = _entries;
        var i = (int)key & _mask;
        while (true)
        {
            ref var e = ref entries[i];
            if (e.Key == key)
            {
                slot = e.Slot;
                return true;
            }

            if (e.Key == 0)
            {
                slot = -1;
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Sets the key's slot; returns the slot it had, or -1 when it was not there.</summary>
    public int Set(ulong key, int slot)
    {
        if (_count + 1 > _entries.Length * 0.6)
        {
            Grow();
        }

        var i = (int)key & _mask;
        while (true)
        {
            ref var e = ref _entries[i];
            if (e.Key == key)
            {
                var previous = e.Slot;
                e.Slot = slot;
                return previous;
            }

            if (e.Key == 0)
            {
                e.Key = key;
                e.Slot = slot;
                _count++;
                return -1;
            }

            i = (i + 1) & _mask;
        }
    }

    public bool Remove(ulong key)
    {
        var i = (int)key & _mask;
        while (_entries[i].Key != key)
        {
            if (_entries[i].Key == 0)
            {
                return false;
            }

            i = (i + 1) & _mask;
        }

        // Shift later members of the run back into the hole when that does not move them before their home.
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            var key2 = _entries[j].Key;
            if (key2 == 0)
            {
                break;
            }

            var home = (int)key2 & _mask;
            if (((j - home) & _mask) >= ((j - hole) & _mask))
            {
                _entries[hole] = _entries[j];
                hole = j;
            }
        }

        _entries[hole] = default;
        _count--;
        return true;
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        _count = 0;
        foreach (var e in old)
        {
            if (e.Key != 0)
            {
                Set(e.Key, e.Slot);
            }
        }
    }

    private struct Entry
    {
        public ulong Key;
        public int Slot;
    }
}
