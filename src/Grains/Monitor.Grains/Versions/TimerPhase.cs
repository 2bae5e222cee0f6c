namespace Monitor.Grains.Versions;

/// <summary>
/// When a version's periodic timer first fires: at a point of its interval fixed by the version's key, so the
/// timers of versions activated together (a silo start, a burst of new versions, versions moved from a failed
/// silo) fire spread over the interval instead of all at once. Their checkpoints, rule evaluations and drift
/// evaluations then reach storage and the CPU a few at a time, every interval, rather than as one wave.
/// </summary>
/// <remarks>
/// The first tick comes within one interval of activation (never later), so a checkpoint still follows the first
/// records within one interval. The phase is a stable hash (FNV-1a) of the key and the interval, not
/// <see cref="string.GetHashCode()"/>, so it is the same in every process and the tests can compute it.
/// </remarks>
public static class TimerPhase
{
    /// <summary>The first due time: in (0, <paramref name="interval"/>], uniform over versions.</summary>
    public static TimeSpan FirstDue(string key, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval == Timeout.InfiniteTimeSpan)
        {
            return interval;
        }

        var share = (Hash(key, interval.Ticks) + 1.0) / (1.0 + uint.MaxValue);
        return TimeSpan.FromTicks(Math.Max(1, (long)(interval.Ticks * share)));
    }

    private static uint Hash(string key, long salt)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(salt >> (8 * i))) * 16777619u;
        }

        // FNV's low bits mix poorly for keys that differ only at the end: finish with a multiply-xorshift.
        hash ^= hash >> 16;
        hash *= 0x7feb352d;
        hash ^= hash >> 15;
        hash *= 0x846ca68b;
        hash ^= hash >> 16;
        return hash;
    }
}
