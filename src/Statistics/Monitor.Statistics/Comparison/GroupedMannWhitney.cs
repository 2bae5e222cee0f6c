namespace Monitor.Statistics.Comparison;

/// <summary>
/// The two-sided Mann-Whitney U test over samples given as distinct values with counts, as
/// <c>scipy.stats.mannwhitneyu(a, b, method="asymptotic")</c> computes it on the expanded samples
/// (mid-ranks for ties, tie-corrected variance, continuity correction): millions of equal values
/// (predictions without revenue, say) cost one group, not millions of ranks.
/// </summary>
public static class GroupedMannWhitney
{
    /// <param name="UOfA">U of the first sample, as scipy reports it.</param>
    /// <param name="UOfB">U of the second sample: how often B exceeds A, ties counting half.</param>
    /// <param name="ProbabilityBGreater">U of B over n_a·n_b: P(B &gt; A) + P(B = A)/2.</param>
    public readonly record struct Result(double UOfA, double UOfB, double PValue, double ProbabilityBGreater);

    /// <summary>Each sample as its distinct values, ascending, and how often each occurs.</summary>
    public static Result Compare(ReadOnlySpan<double> valuesA, ReadOnlySpan<long> countsA, ReadOnlySpan<double> valuesB, ReadOnlySpan<long> countsB)
    {
        double na = Total(countsA), nb = Total(countsB);
        if (na == 0 || nb == 0)
        {
            return new Result(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double rankSumA = 0, tieTerm = 0, below = 0;
        int i = 0, j = 0;
        while (i < valuesA.Length || j < valuesB.Length)
        {
            var value = j >= valuesB.Length || (i < valuesA.Length && valuesA[i] <= valuesB[j]) ? valuesA[i] : valuesB[j];
            double countA = 0, countB = 0;
            while (i < valuesA.Length && valuesA[i] == value)
            {
                countA += countsA[i++];
            }

            while (j < valuesB.Length && valuesB[j] == value)
            {
                countB += countsB[j++];
            }

            var t = countA + countB;
            rankSumA += countA * (below + ((t + 1) / 2));
            tieTerm += (t * t * t) - t;
            below += t;
        }

        var uA = rankSumA - (na * (na + 1) / 2);
        var uB = (na * nb) - uA;
        var n = na + nb;
        var sigma = Math.Sqrt(na * nb / 12 * ((n + 1) - (tieTerm / (n * (n - 1)))));
        var p = sigma > 0 ? Math.Clamp(2 * StandardNormal.Sf((Math.Max(uA, uB) - (na * nb / 2) - 0.5) / sigma), 0, 1) : 1.0;
        return new Result(uA, uB, p, uB / (na * nb));
    }

    private static double Total(ReadOnlySpan<long> counts)
    {
        double total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        return total;
    }
}
