namespace Monitor.Grains.Outcomes;

/// <summary>
/// Remembers the ids that left the join index, so a label arriving for one of them can be told
/// "late" rather than "unknown". Two Bloom filters in turn: the current one takes new ids until it
/// holds its share, then the older one is dropped. It covers between one and two shares of the most
/// recent departures, with about 1% false positives per filter (an unknown id may then be called late).
/// </summary>
[GenerateSerializer, Alias("monitor.EvictedIdFilter")]
public sealed class EvictedIdFilter
{
    private const int Probes = 7;

    // Bits per id for a 1% false-positive rate with seven probes: −ln(0.01) / ln(2)².
    private const double BitsPerId = 9.59;

    [Id(0)] private readonly int _share;
    [Id(1)] private readonly long _bits;
    [Id(2)] private ulong[] _current;
    [Id(3)] private ulong[]? _previous;
    [Id(4)] private int _currentCount;

    public EvictedIdFilter(int share)
    {
        _share = Math.Max(1024, share);
        _bits = (long)Math.Ceiling(_share * BitsPerId);
        _current = new ulong[(_bits + 63) / 64];
    }

    /// <summary>Ids the filter remembers at least (its share); it may remember up to twice as many.</summary>
    public int Share => _share;

    public void Add(ulong key)
    {
        if (_currentCount >= _share)
        {
            _previous = _current;
            _current = new ulong[_current.Length];
            _currentCount = 0;
        }

        var (h1, h2) = Split(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (long)((h1 + ((ulong)i * h2)) % (ulong)_bits);
            _current[bit >> 6] |= 1UL << (int)(bit & 63);
        }

        _currentCount++;
    }

    public bool MightContain(ulong key)
    {
        var (h1, h2) = Split(key);
        return Contains(_current, h1, h2) || (_previous is not null && Contains(_previous, h1, h2));
    }

    private bool Contains(ulong[] words, ulong h1, ulong h2)
    {
        for (var i = 0; i < Probes; i++)
        {
            var bit = (long)((h1 + ((ulong)i * h2)) % (ulong)_bits);
            if ((words[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    // The key is already a 64-bit hash; a second, independent one comes from a splitmix64 finalizer.
    private static (ulong, ulong) Split(ulong key)
    {
        var z = key + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (key, z | 1);
    }
}
