namespace Monitor.Grains.Segments;

/// <summary>
/// Small numbers for one key's values, so the join index holds one byte per key for each prediction rather than
/// its values: 255 cells (0 is "no value"), more than the 2K values a key's summary tracks. A new value takes a free
/// cell, or else the next cell (in turn) whose value the summary no longer tracks. A cell remembers the earliest
/// prediction time it was given to since it took its value, so a prediction made before the cell changed hands no
/// longer resolves to it (its label counts under "other").
/// </summary>
public sealed class SegmentCells
{
    public const int Count = 255;

    private readonly Dictionary<string, byte> _cells = new(StringComparer.Ordinal);
    private readonly string?[] _values = new string?[Count + 1];
    private readonly long[] _sinceMs = new long[Count + 1];
    private int _used;
    private int _hand;

    /// <summary>The cell of a record's value (0 for none, or when every cell's value is still tracked).</summary>
    public byte CellOf(string? value, long timeMs, Func<string, bool> tracked)
    {
        if (value is null)
        {
            return 0;
        }

        if (_cells.TryGetValue(value, out var cell))
        {
            _sinceMs[cell] = Math.Min(_sinceMs[cell], timeMs);
            return cell;
        }

        cell = Free(tracked);
        if (cell == 0)
        {
            return 0;
        }

        if (_values[cell] is { } previous)
        {
            _cells.Remove(previous);
        }

        (_values[cell], _sinceMs[cell]) = (value, timeMs);
        _cells[value] = cell;
        return cell;
    }

    /// <summary>The value a prediction of <paramref name="predictedAtMs"/> had in this cell; null for none or unknown.</summary>
    public string? ValueOf(byte cell, long predictedAtMs) =>
        cell != 0 && _values[cell] is { } value && predictedAtMs >= _sinceMs[cell] ? value : null;

    /// <summary>The cells' values as stored with the key's page, cell 0 first.</summary>
    public string?[] StoredValues() => [.. _values];

    /// <summary>The cells' earliest prediction times as stored with the key's page, cell 0 first.</summary>
    public long[] StoredSinceMs() => [.. _sinceMs];

    public static SegmentCells FromPage(string?[]? values, long[]? sinceMs)
    {
        var cells = new SegmentCells();
        if (values is null || sinceMs is null || values.Length != Count + 1 || sinceMs.Length != Count + 1)
        {
            return cells;
        }

        for (var cell = 1; cell <= Count; cell++)
        {
            if (values[cell] is { } value && cells._cells.TryAdd(value, (byte)cell))
            {
                (cells._values[cell], cells._sinceMs[cell]) = (value, sinceMs[cell]);
                cells._used = cell;
            }
        }

        return cells;
    }

    private byte Free(Func<string, bool> tracked)
    {
        if (_used < Count)
        {
            return (byte)++_used;
        }

        for (var probe = 0; probe < Count; probe++)
        {
            _hand = (_hand % Count) + 1;
            if (_values[_hand] is not { } value || !tracked(value))
            {
                return (byte)_hand;
            }
        }

        return 0;
    }
}
