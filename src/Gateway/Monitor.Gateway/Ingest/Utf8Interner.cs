namespace Monitor.Gateway.Ingest;

/// <summary>
/// Maps distinct UTF-8 byte strings seen in one request to small dense ids, so names repeated in
/// every record (feature names, model, version) are compared as bytes and turned into a string once.
/// Reused across requests: <see cref="Clear"/> keeps the buffers.
/// </summary>
internal sealed class Utf8Interner
{
    private byte[] _bytes = new byte[1024];
    private int _bytesUsed;
    private Entry[] _entries = new Entry[32];
    private int _count;
    private int[] _buckets = new int[64]; // entry index + 1; 0 marks an empty bucket

    public int Count => _count;

    /// <summary>Bytes held, to decide whether a pooled instance has grown too large to keep.</summary>
    public int FootprintBytes => _bytes.Length + (_entries.Length * 24) + (_buckets.Length * 4);

    public ReadOnlySpan<byte> Bytes(int id)
    {
        ref var entry = ref _entries[id];
        return _bytes.AsSpan(entry.Offset, entry.Length);
    }

    /// <summary>The string, or null when the bytes are not valid UTF-8.</summary>
    public string? Value(int id) => _entries[id].Value;

    /// <summary>A caller-defined verdict computed once when the id was added (e.g. whether the name is valid).</summary>
    public byte Status(int id) => _entries[id].Status;

    /// <summary>The id of the key; <paramref name="hash"/> is its <see cref="Utf8StringCache.Hash"/>, for reuse.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added, out int hash)
    {
        hash = Utf8StringCache.Hash(key);
        var mask = _buckets.Length - 1;
        var bucket = hash & mask;
        while (true)
        {
            var slot = _buckets[bucket];
            if (slot == 0)
            {
                break;
            }

            ref var entry = ref _entries[slot - 1];
            if (entry.Hash == hash && key.SequenceEqual(_bytes.AsSpan(entry.Offset, entry.Length)))
            {
                added = false;
                return slot - 1;
            }

            bucket = (bucket + 1) & mask;
        }

        added = true;
        return Add(key, hash, bucket);
    }

    public void SetInfo(int id, string? value, byte status)
    {
        ref var entry = ref _entries[id];
        entry.Value = value;
        entry.Status = status;
    }

    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        Array.Clear(_buckets);
        _count = 0;
        _bytesUsed = 0;
    }

    private int Add(ReadOnlySpan<byte> key, int hash, int bucket)
    {
        if (_bytesUsed + key.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _bytesUsed + key.Length));
        }

        key.CopyTo(_bytes.AsSpan(_bytesUsed));
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        var id = _count++;
        _entries[id] = new Entry { Offset = _bytesUsed, Length = key.Length, Hash = hash };
        _bytesUsed += key.Length;
        _buckets[bucket] = id + 1;
        if (_count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return id;
    }

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        var mask = _buckets.Length - 1;
        for (var id = 0; id < _count; id++)
        {
            var bucket = _entries[id].Hash & mask;
            while (_buckets[bucket] != 0)
            {
                bucket = (bucket + 1) & mask;
            }

            _buckets[bucket] = id + 1;
        }
    }

    private struct Entry
    {
        public int Offset;
        public int Length;
        public int Hash;
        public string? Value;
        public byte Status;
    }
}
