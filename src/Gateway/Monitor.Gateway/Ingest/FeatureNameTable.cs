namespace Monitor.Gateway.Ingest;

/// <summary>
/// The feature names of one request: interned once each, the names of the previous record by position
/// (records of one request usually list the same features in the same order, so a name is most often a
/// byte compare, not a lookup), and which names the current record has named already.
/// </summary>
internal sealed class FeatureNameTable
{
    private int[] _lastSeen = new int[64];
    private int[] _previous = new int[16];
    private int _previousCount;

    public Utf8Interner Names { get; } = new();

    public long FootprintBytes => Names.FootprintBytes + ((long)_lastSeen.Length * 4) + ((long)_previous.Length * 4);

    /// <summary>The valid name the previous record had at <paramref name="position"/> when it is these bytes, else -1.</summary>
    public int Previous(ReadOnlySpan<byte> raw, int position)
    {
        if (position >= _previousCount)
        {
            return -1;
        }

        var previous = _previous[position];
        return Names.Status(previous) == NameStatus.Valid && raw.SequenceEqual(Names.Bytes(previous)) ? previous : -1;
    }

    public void RememberAt(int position, int nameId)
    {
        if (position >= _previous.Length)
        {
            Array.Resize(ref _previous, Math.Max(_previous.Length * 2, position + 1));
        }

        _previous[position] = nameId;
        _previousCount = Math.Max(_previousCount, position + 1);
    }

    /// <summary>False when the feature already appeared in the record numbered <paramref name="recordSerial"/>.</summary>
    public bool MarkSeen(int nameId, int recordSerial)
    {
        if (nameId >= _lastSeen.Length)
        {
            Array.Resize(ref _lastSeen, Math.Max(_lastSeen.Length * 2, nameId + 1));
        }

        if (_lastSeen[nameId] == recordSerial)
        {
            return false;
        }

        _lastSeen[nameId] = recordSerial;
        return true;
    }

    /// <summary>Forgets the names of the last request, so a pooled table keeps no strings alive.</summary>
    public void Clear()
    {
        Array.Clear(_lastSeen, 0, Math.Min(_lastSeen.Length, Names.Count));
        Names.Clear();
        _previousCount = 0;
    }
}
