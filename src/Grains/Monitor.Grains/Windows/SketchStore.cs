namespace Monitor.Grains.Windows;

/// <summary>
/// Counts per logarithmic bin index, held densely between the lowest and highest index seen so the
/// hot path is an array increment. Latencies of one model span a few hundred bins.
/// </summary>
[GenerateSerializer, Alias("monitor.SketchStore")]
public sealed class SketchStore
{
    [Id(0)] private int _offset;
    [Id(1)] private long[] _counts = [];
    [Id(2)] private long _total;

    public long Total => _total;

    public bool IsEmpty => _total == 0;

    public int MinIndex => _offset;

    public int MaxIndex => _offset + _counts.Length - 1;

    public long CountAt(int index)
    {
        var i = index - _offset;
        return (uint)i < (uint)_counts.Length ? _counts[i] : 0;
    }

    public void Add(int index, long count)
    {
        if (_counts.Length == 0)
        {
            _offset = index;
            _counts = new long[8];
        }
        else if (index < _offset || index >= _offset + _counts.Length)
        {
            Grow(index);
        }

        _counts[index - _offset] += count;
        _total += count;
    }

    public void Merge(SketchStore other)
    {
        if (other._total == 0)
        {
            return;
        }

        Grow(other._offset);
        Grow(other._offset + other._counts.Length - 1);
        for (var i = 0; i < other._counts.Length; i++)
        {
            _counts[other._offset + i - _offset] += other._counts[i];
        }

        _total += other._total;
    }

    /// <summary>The bin index holding the given zero-based rank, counting from the lowest index.</summary>
    public int IndexOfRank(double rank)
    {
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += _counts[i];
            if (cumulative > rank)
            {
                return _offset + i;
            }
        }

        return MaxIndex;
    }

    /// <summary>The bin index holding the given zero-based rank, counting from the highest index.</summary>
    public int IndexOfRankFromTop(double rank)
    {
        long cumulative = 0;
        for (var i = _counts.Length - 1; i >= 0; i--)
        {
            cumulative += _counts[i];
            if (cumulative > rank)
            {
                return _offset + i;
            }
        }

        return MinIndex;
    }

    public SketchStore Copy()
    {
        var copy = new SketchStore { _offset = _offset, _counts = (long[])_counts.Clone(), _total = _total };
        return copy;
    }

    private void Grow(int index)
    {
        if (_counts.Length == 0)
        {
            _offset = index;
            _counts = new long[8];
            return;
        }

        var low = Math.Min(index, _offset);
        var high = Math.Max(index, _offset + _counts.Length - 1);
        if (low == _offset && high == _offset + _counts.Length - 1)
        {
            return;
        }

        // Leave head-room on the side that grew so a drifting range doesn't reallocate per record.
        var span = high - low + 1;
        var slack = Math.Max(8, span / 4);
        var newLow = index < _offset ? low - slack : low;
        var newLength = span + slack;
        var grown = new long[newLength];
        Array.Copy(_counts, 0, grown, _offset - newLow, _counts.Length);
        _counts = grown;
        _offset = newLow;
    }
}
