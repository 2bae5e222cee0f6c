namespace Monitor.Statistics;

/// <summary>
/// A small, fast pseudo-random generator (Steele, Lea and Flood's SplitMix64) whose sequence is fixed by its
/// seed on every platform and runtime, so a Monte Carlo p-value seeded from the data is reproducible.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, bound) by Lemire's multiply-shift (bias below 2^-32 for bounds under 2^31).</summary>
    public int NextBelow(int bound) => (int)(((Next() >> 32) * (ulong)bound) >> 32);

    /// <summary>A seed from counts: FNV-1a over them, so the same data always draws the same permutations.</summary>
    public static ulong SeedFrom(ReadOnlySpan<int> first, ReadOnlySpan<int> second, int sizeA, int sizeB)
    {
        ulong h = 14695981039346656037UL;
        static ulong Mix(ulong h, int v) => (h ^ (uint)v) * 1099511628211UL;
        h = Mix(Mix(h, sizeA), sizeB);
        foreach (int v in first)
        {
            h = Mix(h, v);
        }

        foreach (int v in second)
        {
            h = Mix(h, v);
        }

        return h;
    }
}
