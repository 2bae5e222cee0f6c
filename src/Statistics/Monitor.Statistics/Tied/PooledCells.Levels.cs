namespace Monitor.Statistics;

/// <summary>Pooled cells from a window counted against the reference's levels (no sorted window needed).</summary>
public sealed partial class PooledCells
{
    /// <summary>
    /// Cells from the reference's distinct values (<paramref name="levels"/>, ascending, with their counts), the
    /// window's count at each level (<paramref name="hits"/>) and the window values equal to no level
    /// (<paramref name="unseen"/>, any order: sorted here in place). The same cells as <see cref="FromLevels"/> on
    /// the sorted window.
    /// </summary>
    public static PooledCells FromLevelCounts(ReadOnlySpan<double> levels, ReadOnlySpan<int> levelCounts, int referenceSize,
        ReadOnlySpan<int> hits, Span<double> unseen, int currentSize)
    {
        int nl = levels.Length, u = unseen.Length;
        if (nl == 0 || currentSize == 0 || levelCounts.Length < nl || hits.Length < nl)
        {
            throw new ArgumentException("Both samples must be non-empty, with one count per level.");
        }

        if (u > 0)
        {
            DoubleRadixSort.Sort(unseen);
        }

        int distinctUnseen = u > 0 ? 1 : 0;
        for (int t = 1; t < u; t++)
        {
            distinctUnseen += unseen[t] != unseen[t - 1] ? 1 : 0;
        }

        int capacity = nl + distinctUnseen;
        var values = new double[capacity];
        var pooled = new int[capacity];
        var cur = new int[capacity];
        int k = 0, i = 0, j = 0;
        if (u == 0)
        {
            // The common case on rounded or integer data: the cells are the levels.
            levels.CopyTo(values);
            for (; k < nl; k++)
            {
                cur[k] = hits[k];
                pooled[k] = levelCounts[k] + hits[k];
            }

            return new PooledCells(values, pooled, cur, nl, referenceSize, currentSize);
        }

        // An unseen value equals no level, so the order between a level and an unseen value is strict.
        while (i < nl || j < u)
        {
            if (j >= u || (i < nl && levels[i] < unseen[j]))
            {
                values[k] = levels[i];
                cur[k] = hits[i];
                pooled[k] = levelCounts[i] + hits[i];
                i++;
            }
            else
            {
                double v = unseen[j];
                int start = j;
                while (j < u && unseen[j] == v)
                {
                    j++;
                }

                values[k] = v;
                cur[k] = j - start;
                pooled[k] = j - start;
            }

            k++;
        }

        return new PooledCells(values, pooled, cur, k, referenceSize, currentSize);
    }
}
