namespace Monitor.Grains.Outcomes;

/// <summary>
/// Counts of (true class, predicted class) pairs by class id, dense over the ids seen so far: a
/// binary classifier needs four cells, and the vocabulary cap bounds the rest.
/// </summary>
[GenerateSerializer, Alias("monitor.ConfusionCounts")]
public sealed class ConfusionCounts
{
    [Id(0)] private int _size;
    [Id(1)] private long[] _cells = [];

    /// <summary>One more than the largest class id counted.</summary>
    public int Size => _size;

    public long this[int actual, int predicted] =>
        actual < _size && predicted < _size ? _cells[(actual * _size) + predicted] : 0;

    public void Add(int actual, int predicted, long count = 1)
    {
        var needed = Math.Max(actual, predicted) + 1;
        if (needed > _size)
        {
            Grow(needed);
        }

        _cells[(actual * _size) + predicted] += count;
    }

    public void Merge(ConfusionCounts other)
    {
        if (other._size > _size)
        {
            Grow(other._size);
        }

        for (var a = 0; a < other._size; a++)
        {
            for (var p = 0; p < other._size; p++)
            {
                _cells[(a * _size) + p] += other._cells[(a * other._size) + p];
            }
        }
    }

    private void Grow(int size)
    {
        var cells = new long[size * size];
        for (var a = 0; a < _size; a++)
        {
            Array.Copy(_cells, a * _size, cells, a * size, _size);
        }

        _cells = cells;
        _size = size;
    }
}
