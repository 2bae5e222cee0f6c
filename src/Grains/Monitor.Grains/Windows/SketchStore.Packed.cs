using Monitor.Statistics.Sketches;

namespace Monitor.Grains.Windows;

/// <summary>The packed form of a store: its bins as varints (<see cref="PackedBins"/>), for buckets whose interval is over.</summary>
public sealed partial class SketchStore
{
    /// <summary>Packs the bins (for a store that will rarely change again); the next <see cref="Add"/> or merge into it unpacks them.</summary>
    public void Pack()
    {
        if (_packed is not null || _total == 0)
        {
            return;
        }

        var n = Occupied;
        var used = 0;
        for (var i = 0; i < n; i++)
        {
            used += _counts[i] != 0 ? 1 : 0;
        }

        _packed = PackedBins.Pack(n, i => (IndexAt(i), _counts[i]));
        _used = used;
        _counts = [];
        _indices = null;
        _offset = 0;
    }

    private long PackedCountAt(int index)
    {
        var reader = new PackedBins.Reader(_packed);
        while (reader.Next(out var at, out var count))
        {
            if (at >= index)
            {
                return at == index ? count : 0;
            }
        }

        return 0;
    }

    private int PackedIndexOfRank(double rank)
    {
        long cumulative = 0;
        var last = 0;
        var reader = new PackedBins.Reader(_packed);
        while (reader.Next(out var index, out var count))
        {
            cumulative += count;
            last = index;
            if (cumulative > rank)
            {
                return index;
            }
        }

        return last;
    }

    private void Unpack()
    {
        var packed = _packed!;
        var capacity = Math.Max(4, _used);
        var indices = new int[capacity];
        var counts = new long[capacity];
        var n = 0;
        var reader = new PackedBins.Reader(packed);
        while (reader.Next(out var index, out var count))
        {
            indices[n] = index;
            counts[n++] = count;
        }

        _packed = null;
        _indices = indices;
        _counts = counts;
        _used = n;
        _offset = 0;
    }
}
