using System.Runtime.Intrinsics.X86;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// Remembers the ids that left the join index, so a label arriving for one of them can be told
/// "late" rather than "unknown". Two Bloom filters in turn: the current one takes new ids until it
/// holds its share, then the older one is dropped; it covers between one and two shares of the most
/// recent departures. Each filter is cache-line blocked (all of an id's bits in one 512-bit block, so
/// adding or testing costs one memory access) with about 1% false positives: an unknown id may then
/// be called late.
/// </summary>
[GenerateSerializer, Alias("monitor.EvictedIdFilter")]
public sealed class EvictedIdFilter
{
    private const int Probes = 7;
    private const int WordsPerBlock = 8;

    // Bits per id: a little above the 9.6 of an unblocked filter at 1%, for the blocking's unevenness.
    private const double BitsPerId = 11;

    [Id(0)] private readonly int _share;
    [Id(1)] private readonly int _blocks;
    [Id(2)] private ulong[] _current;
    [Id(3)] private ulong[]? _previous;
    [Id(4)] private int _currentCount;

    public EvictedIdFilter(int share)
    {
        _share = Math.Max(1024, share);
        _blocks = (int)Math.Ceiling(_share * BitsPerId / 512);
        _current = new ulong[_blocks * WordsPerBlock];
    }

    private EvictedIdFilter(EvictedIdFilter other)
    {
        _share = other._share;
        _blocks = other._blocks;
        _current = (ulong[])other._current.Clone();
        _previous = (ulong[]?)other._previous?.Clone();
        _currentCount = other._currentCount;
    }

    /// <summary>An independent copy (for a snapshot written while this one goes on changing).</summary>
    public EvictedIdFilter Copy() => new(this);

    /// <summary>Ids the filter remembers at least (its share); it may remember up to twice as many.</summary>
    public int Share => _share;

    /// <summary>Asks the CPU to start loading the key's block of the current filter.</summary>
    public unsafe void Prefetch(ulong key)
    {
        if (Sse.IsSupported && _currentCount < _share)
        {
            fixed (ulong* word = &_current[Locate(key).Block])
            {
                Sse.Prefetch0(word);
            }
        }
    }

    public void Add(ulong key)
    {
        if (_currentCount >= _share)
        {
            _previous = _current;
            _current = new ulong[_current.Length];
            _currentCount = 0;
        }

        var (block, bits) = Locate(key);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)(bits >> (9 * i)) & 511;
            _current[block + (bit >> 6)] |= 1UL << (bit & 63);
        }

        _currentCount++;
    }

    public bool MightContain(ulong key)
    {
        var (block, bits) = Locate(key);
        return Contains(_current, block, bits) || (_previous is not null && Contains(_previous, block, bits));
    }

    private static bool Contains(ulong[] words, int block, ulong bits)
    {
        for (var i = 0; i < Probes; i++)
        {
            var bit = (int)(bits >> (9 * i)) & 511;
            if ((words[block + (bit >> 6)] & (1UL << (bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    // The key is already a 64-bit hash: its high bits choose the block (the join table uses the low
    // ones); a splitmix64 finalizer of it gives the 7 × 9 bits of positions within the block.
    private (int Block, ulong Bits) Locate(ulong key)
    {
        var z = key + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        var block = (int)((key >> 32) * (ulong)_blocks >> 32);
        return (block * WordsPerBlock, z);
    }
}
