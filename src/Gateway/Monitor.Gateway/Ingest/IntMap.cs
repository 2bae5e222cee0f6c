namespace Monitor.Gateway.Ingest;

/// <summary>
/// A minimal open-addressing map from non-negative int keys to int values, reusable after
/// <see cref="Clear"/>. Used per model version to find a feature's column without a Dictionary.
/// </summary>
internal sealed class IntMap
{
    private int[] _keys = new int[16]; // key + 1; 0 marks an empty slot
    private int[] _values = new int[16];
    private int _count;

    public int Count => _count;

    /// <summary>The value for the key, or -1.</summary>
    public int Find(int key)
    {
        var mask = _keys.Length - 1;
        var slot = Mix(key) & mask;
        while (true)
        {
            var stored = _keys[slot];
            if (stored == key + 1)
            {
                return _values[slot];
            }

            if (stored == 0)
            {
                return -1;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Adds a key known to be absent.</summary>
    public void Add(int key, int value)
    {
        if ((_count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        Insert(_keys, _values, key, value);
        _count++;
    }

    public void Clear()
    {
        if (_count > 0)
        {
            Array.Clear(_keys);
            _count = 0;
        }
    }

    private static int Mix(int key) => (int)((uint)key * 2654435769u >> 7);

    private static void Insert(int[] keys, int[] values, int key, int value)
    {
        var mask = keys.Length - 1;
        var slot = Mix(key) & mask;
        while (keys[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        keys[slot] = key + 1;
        values[slot] = value;
    }

    private void Grow()
    {
        var keys = new int[_keys.Length * 2];
        var values = new int[keys.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0)
            {
                Insert(keys, values, _keys[i] - 1, _values[i]);
            }
        }

        _keys = keys;
        _values = values;
    }
}
