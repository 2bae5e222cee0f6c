namespace Monitor.Grains.Outcomes.Budget;

/// <summary>
/// The node's budget decision, pure: given every index's profile and how many held ids must leave,
/// the earliest time such that the ids estimated older than it are at least that many. Each index then
/// lets go of its entries older than the cutoff in its own grain's turn, so the oldest leave first
/// across versions without any index being touched from outside its grain.
/// </summary>
public static class BudgetCutoff
{
    /// <summary>No cutoff: nothing leaves for the budget.</summary>
    public const long None = long.MinValue;

    public static long Compute(IReadOnlyList<(long Held, long[] Times)> profiles, long excess)
    {
        if (excess <= 0 || profiles.Count == 0)
        {
            return None;
        }

        var low = long.MaxValue;
        var high = long.MinValue;
        foreach (var (held, times) in profiles)
        {
            if (held <= 0)
            {
                continue;
            }

            foreach (var t in times)
            {
                low = Math.Min(low, t);
                high = Math.Max(high, t);
            }
        }

        if (low > high)
        {
            return None;
        }

        // Ids older than a cutoff grow with it: bisect for the least cutoff that frees enough. Past the newest
        // sampled time everything is older, so the search ends there at worst.
        var (lo, hi) = (low, high + 1);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Older(profiles, mid) >= excess)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    public static double Older(IReadOnlyList<(long Held, long[] Times)> profiles, long cutoffMs)
    {
        var older = 0.0;
        foreach (var (held, times) in profiles)
        {
            older += JoinIndexProfile.OlderThan(held, times, cutoffMs);
        }

        return older;
    }
}
