namespace Monitor.Grains.Outcomes.Budget;

/// <summary>
/// What one join index tells the node's budget: how many ids it holds and the times of its entries at
/// <see cref="Points"/> evenly spaced positions of its ring, oldest arrival first (the first is the oldest
/// held, the last the newest). Written by the index's own grain, read by the budget's cutoff decision
/// without a lock: a read that overlaps a write sees a mix of two profiles, which only moves the estimate.
/// </summary>
public sealed class JoinIndexProfile
{
    public const int Points = 9;

    private long _held;

    public long Held => Volatile.Read(ref _held);

    public long[] Times { get; } = new long[Points];

    /// <summary>Sets the held count; returns by how much it changed.</summary>
    internal long Exchange(long held) => held - Interlocked.Exchange(ref _held, held);

    /// <summary>
    /// The ids of this index with a time before <paramref name="cutoffMs"/>, estimated by straight lines
    /// between the sampled times (sorted, so out-of-order timestamps do not break the estimate).
    /// </summary>
    public static double OlderThan(long held, ReadOnlySpan<long> sampled, long cutoffMs)
    {
        if (held <= 0 || sampled.Length == 0)
        {
            return 0;
        }

        Span<long> times = stackalloc long[sampled.Length];
        sampled.CopyTo(times);
        times.Sort();
        if (cutoffMs <= times[0])
        {
            return 0;
        }

        if (cutoffMs > times[^1])
        {
            return held;
        }

        var step = (double)held / (times.Length - 1);
        var older = 0.0;
        for (var i = 1; i < times.Length; i++)
        {
            var (from, to) = (times[i - 1], times[i]);
            if (cutoffMs >= to)
            {
                older += step;
                continue;
            }

            if (cutoffMs > from)
            {
                older += step * (cutoffMs - from) / (to - from);
            }

            break;
        }

        return older;
    }
}
