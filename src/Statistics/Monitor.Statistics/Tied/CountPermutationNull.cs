using System.Buffers;

namespace Monitor.Statistics;

/// <summary>
/// The conditional permutation null of a two-sample statistic on tied or discrete data, drawn in count space:
/// given the pooled counts per distinct value (what any rank test conditions on), the smaller sample's counts
/// are a draw without replacement from them (a multivariate hypergeometric), made item by item through a
/// Fenwick tree in O(s log k) for a sample of s values over k cells. This is the exact null whatever the ties,
/// where asymptotic forms fail (small samples, sparse cells).
/// <para>
/// The p-value is a Monte Carlo mid-p, (#greater + (#equal + 1) / 2) / (B + 1), counting the observed table as
/// one draw of the null: the plain (1 + #greater-or-equal) / (B + 1) is valid but, on a statistic with few
/// attainable values (a binary feature in a window of 30), conservative far below alpha; the mid-p is close
/// to alpha on average. Draws stop early once the count reaches <see cref="StopScore"/> (Besag and Clifford's
/// sequential p-value, score / draws): a feature far from drift costs a few dozen draws, and only a small
/// p-value runs the full budget. The generator is seeded from the counts, so the same data give the same p-value.
/// </para>
/// </summary>
public static class CountPermutationNull
{
    /// <summary>Draws stop once this many draws were at least as extreme (ties count half).</summary>
    public const double StopScore = 10;

    public static double MidPValue(ReadOnlySpan<int> pooled, ReadOnlySpan<int> observed, int observedSize, int otherSize,
        CellStatistic statistic, int maxDraws)
    {
        int k = pooled.Length;
        if (k <= 1)
        {
            return 1.0;
        }

        // Draw the smaller sample: the statistics are symmetric and the draw costs its size.
        int na = observedSize, nb = otherSize;
        int[] rentedObserved = ArrayPool<int>.Shared.Rent(k);
        Span<int> a = rentedObserved.AsSpan(0, k);
        if (na <= nb)
        {
            observed.CopyTo(a);
        }
        else
        {
            for (int i = 0; i < k; i++)
            {
                a[i] = pooled[i] - observed[i];
            }

            (na, nb) = (nb, na);
        }

        double t = statistic(pooled, a, na, nb);
        double tolerance = 1e-10 * Math.Max(Math.Abs(t), 1e-300);
        var random = new SplitMix64(SplitMix64.SeedFrom(pooled, a, na, nb));

        int[] rentedTree = ArrayPool<int>.Shared.Rent(k + 1);
        int[] rentedBase = ArrayPool<int>.Shared.Rent(k + 1);
        int[] rentedDraw = ArrayPool<int>.Shared.Rent(k);
        try
        {
            Span<int> baseTree = rentedBase.AsSpan(0, k + 1);
            BuildTree(pooled, baseTree);
            int top = HighestPowerOfTwo(k);
            Span<int> tree = rentedTree.AsSpan(0, k + 1);
            Span<int> draw = rentedDraw.AsSpan(0, k);
            int total = na + nb;
            double score = 0;
            int draws = 0;
            while (draws < maxDraws)
            {
                baseTree.CopyTo(tree);
                draw.Clear();
                int remaining = total;
                for (int s = 0; s < na; s++)
                {
                    int cell = Take(tree, top, random.NextBelow(remaining));
                    draw[cell]++;
                    remaining--;
                }

                draws++;
                double d = statistic(pooled, draw, na, nb) - t;
                score += d > tolerance ? 1.0 : d >= -tolerance ? 0.5 : 0.0;
                if (score >= StopScore)
                {
                    return Math.Min(1.0, score / draws);
                }
            }

            return Math.Min(1.0, (score + 0.5) / (draws + 1));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rentedObserved);
            ArrayPool<int>.Shared.Return(rentedTree);
            ArrayPool<int>.Shared.Return(rentedBase);
            ArrayPool<int>.Shared.Return(rentedDraw);
        }
    }

    /// <summary>Draws enough to resolve a p-value below alpha / family (Bonferroni) several times over, within bounds.</summary>
    public static int DrawsFor(double alpha, int family) =>
        (int)Math.Clamp(Math.Ceiling(10.0 * Math.Max(1, family) / alpha), 1999, 20000);

    private static void BuildTree(ReadOnlySpan<int> counts, Span<int> tree)
    {
        tree.Clear();
        for (int i = 0; i < counts.Length; i++)
        {
            int index = i + 1;
            tree[index] += counts[i];
            int parent = index + (index & -index);
            if (parent < tree.Length)
            {
                tree[parent] += tree[index];
            }
        }
    }

    private static int HighestPowerOfTwo(int k)
    {
        int p = 1;
        while (p * 2 <= k)
        {
            p *= 2;
        }

        return p;
    }

    /// <summary>Finds the cell holding the u-th remaining value (0-based) and removes that value.</summary>
    private static int Take(Span<int> tree, int top, int u)
    {
        int position = 0;
        for (int step = top; step > 0; step >>= 1)
        {
            int next = position + step;
            if (next < tree.Length && tree[next] <= u)
            {
                position = next;
                u -= tree[next];
            }
        }

        // position is the number of cells wholly before the value: the cell is position (0-based).
        for (int index = position + 1; index < tree.Length; index += index & -index)
        {
            tree[index]--;
        }

        return position;
    }
}
