using Monitor.Statistics.Sketches;

namespace Monitor.Grains.Windows;

/// <summary>
/// Counts per logarithmic bin index. Held sparsely (sorted indices with their counts) while few bins
/// are occupied, densely (one count per index between the lowest and highest seen) once that is
/// smaller, so a store never takes more than about 12 bytes per occupied bin whatever the range of
/// its values.
/// </summary>
/// <remarks>
/// A 10-second bucket of a few dozen latencies spreads over a few hundred bins: dense it took 3 KB,
/// sparse a few hundred bytes, and with 362 fine buckets per version that difference is most of a
/// version's memory once its history is full. A dense store also grew with the range alone: two
/// values 1e-8 and 1e300 made a 73,000-bin array. A store whose bucket is over is <see cref="Pack"/>ed: its bins
/// as varints (<see cref="PackedBins"/>), about two bytes each; a later record unpacks it.
/// </remarks>
[GenerateSerializer, Alias("monitor.SketchStore")]
public sealed partial class SketchStore
{
    private const int DenseBinBytes = sizeof(long);
    private const int SparseBinBytes = sizeof(long) + sizeof(int);

    // Dense: _counts[i] is the count of index _offset + i. Sparse: _counts[i] is the count of
    // _indices[i], for i < _used, with _indices ascending.
    [Id(0)] private int _offset;
    [Id(1)] private long[] _counts = [];
    [Id(2)] private long _total;
    [Id(3)] private int[]? _indices;
    [Id(4)] private int _used;

    // Packed: the bins as PackedBins bytes, _used of them; _counts is empty and _indices null.
    [Id(5)] private byte[]? _packed;

    public long Total => _total;

    public bool IsEmpty => _total == 0;

    public bool IsSparse => _packed is null && (_indices is not null || _counts.Length == 0);

    public bool IsPacked => _packed is not null;

    /// <summary>Bytes held by the store's arrays.</summary>
    public long FootprintBytes => ((long)_counts.Length * sizeof(long)) + ((_indices?.Length ?? 0) * (long)sizeof(int)) + (_packed?.Length ?? 0);

    public long CountAt(int index)
    {
        if (_packed is not null)
        {
            return PackedCountAt(index);
        }

        if (_indices is not null)
        {
            var at = Array.BinarySearch(_indices, 0, _used, index);
            return at >= 0 ? _counts[at] : 0;
        }

        var i = index - _offset;
        return (uint)i < (uint)_counts.Length ? _counts[i] : 0;
    }

    public void Add(int index, long count)
    {
        if (count == 0)
        {
            return;
        }

        if (_packed is not null)
        {
            Unpack();
        }

        if (_counts.Length == 0)
        {
            _indices = new int[4];
            _counts = new long[4];
        }

        if (_indices is null)
        {
            AddDense(index, count);
        }
        else
        {
            AddSparse(index, count);
        }

        _total += count;
    }

    public void Merge(SketchStore other)
    {
        if (other._total == 0)
        {
            return;
        }

        if (_packed is not null)
        {
            Unpack();
        }

        if (_indices is null && _counts.Length > 0 && other._indices is null && other._packed is null)
        {
            var low = Math.Min(_offset, other._offset);
            var high = Math.Max(_offset + _counts.Length, other._offset + other._counts.Length) - 1;
            if ((long)high - low + 1 <= 2L * (_counts.Length + other._counts.Length))
            {
                // Dense into dense over ranges near each other: one pass.
                Widen(low, high);
                for (var i = 0; i < other._counts.Length; i++)
                {
                    _counts[other._offset + i - _offset] += other._counts[i];
                }

                _total += other._total;
                return;
            }
        }

        other.ForEachBin((index, count) => Add(index, count));
    }

    /// <summary>The bin index holding the given zero-based rank, counting from the lowest index.</summary>
    public int IndexOfRank(double rank)
    {
        long cumulative = 0;
        if (_packed is not null)
        {
            return PackedIndexOfRank(rank);
        }

        var n = Occupied;
        if (n == 0)
        {
            return 0;
        }

        for (var i = 0; i < n; i++)
        {
            cumulative += _counts[i];
            if (cumulative > rank)
            {
                return IndexAt(i);
            }
        }

        return IndexAt(n - 1);
    }

    /// <summary>The bin index holding the given zero-based rank, counting from the highest index.</summary>
    public int IndexOfRankFromTop(double rank)
    {
        if (_packed is not null)
        {
            // Counts are whole: the bin holding rank r from the top holds rank total − 1 − ⌊r⌋ from the bottom.
            return IndexOfRank(_total - 1 - Math.Floor(rank));
        }

        if (Occupied == 0)
        {
            return 0;
        }

        long cumulative = 0;
        for (var i = Occupied - 1; i >= 0; i--)
        {
            cumulative += _counts[i];
            if (cumulative > rank)
            {
                return IndexAt(i);
            }
        }

        return IndexAt(0);
    }

    public SketchStore Copy() => new()
    {
        _offset = _offset,
        _counts = (long[])_counts.Clone(),
        _total = _total,
        _indices = (int[]?)_indices?.Clone(),
        _used = _used,
        _packed = _packed,
    };

    /// <summary>Every occupied bin, lowest index first.</summary>
    public void ForEachBin(Action<int, long> visit)
    {
        if (_packed is not null)
        {
            PackedBins.ForEach(_packed, visit);
            return;
        }

        var n = Occupied;
        for (var i = 0; i < n; i++)
        {
            if (_counts[i] != 0)
            {
                visit(IndexAt(i), _counts[i]);
            }
        }
    }

    private int Occupied => _indices is null ? _counts.Length : _used;

    private int IndexAt(int position) => _indices is null ? _offset + position : _indices[position];

    private void AddSparse(int index, long count)
    {
        var indices = _indices!;
        var at = Array.BinarySearch(indices, 0, _used, index);
        if (at >= 0)
        {
            _counts[at] += count;
            return;
        }

        at = ~at;
        if (_used == indices.Length)
        {
            var low = Math.Min(index, indices[0]);
            var high = Math.Max(index, indices[_used - 1]);
            var denseBytes = ((long)high - low + 1) * DenseBinBytes;
            if (denseBytes <= (long)(_used + 1) * SparseBinBytes)
            {
                ToDense(low, high);
                AddDense(index, count);
                return;
            }

            var grown = _used * 2;
            Array.Resize(ref _indices, grown);
            Array.Resize(ref _counts, grown);
            indices = _indices;
        }

        Array.Copy(indices, at, indices, at + 1, _used - at);
        Array.Copy(_counts, at, _counts, at + 1, _used - at);
        indices[at] = index;
        _counts[at] = count;
        _used++;
    }

    private void ToDense(int low, int high)
    {
        var dense = new long[high - low + 1];
        for (var i = 0; i < _used; i++)
        {
            dense[_indices![i] - low] = _counts[i];
        }

        _offset = low;
        _counts = dense;
        _indices = null;
        _used = 0;
    }

    private void AddDense(int index, long count)
    {
        if (index < _offset || index >= _offset + _counts.Length)
        {
            GrowDense(index);
            if (_indices is not null)
            {
                // The range grew past what its occupied bins justify: held sparsely again.
                AddSparse(index, count);
                return;
            }
        }

        _counts[index - _offset] += count;
    }

    private void GrowDense(int index)
    {
        var low = Math.Min(index, _offset);
        var high = Math.Max(index, _offset + _counts.Length - 1);
        var span = (long)high - low + 1;
        var occupied = 1;
        foreach (var c in _counts)
        {
            occupied += c != 0 ? 1 : 0;
        }

        if (span * DenseBinBytes > 2L * occupied * SparseBinBytes)
        {
            ToSparse(occupied);
            return;
        }

        // Leave head-room on the side that grew so a drifting range doesn't reallocate per record.
        var slack = (int)Math.Max(8, span / 4);
        var newLow = index < _offset ? low - slack : low;
        var grown = new long[span + slack];
        Array.Copy(_counts, 0, grown, _offset - newLow, _counts.Length);
        _counts = grown;
        _offset = newLow;
    }

    private void Widen(int low, int high)
    {
        if (low >= _offset && high < _offset + _counts.Length)
        {
            return;
        }

        var newLow = Math.Min(low, _offset);
        var grown = new long[Math.Max(high, _offset + _counts.Length - 1) - newLow + 1];
        Array.Copy(_counts, 0, grown, _offset - newLow, _counts.Length);
        _counts = grown;
        _offset = newLow;
    }

    private void ToSparse(int capacity)
    {
        var indices = new int[capacity];
        var counts = new long[capacity];
        var n = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0)
            {
                indices[n] = _offset + i;
                counts[n++] = _counts[i];
            }
        }

        _indices = indices;
        _counts = counts;
        _used = n;
        _offset = 0;
    }
}
