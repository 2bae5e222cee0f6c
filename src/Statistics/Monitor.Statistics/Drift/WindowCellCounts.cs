namespace Monitor.Statistics.Drift;

/// <summary>
/// What the engine counts of a window, taken from its pooled cells instead of the sorted window (a tied window is
/// counted per level and never sorted): the same counts as the searches of the sorted values.
/// </summary>
internal static class WindowCellCounts
{
    /// <summary>Window values per bin of <paramref name="edges"/>, as <see cref="NumericReferenceFeature.CountBins"/>.</summary>
    public static double[] CountBins(PooledCells cells, ReadOnlySpan<double> edges)
    {
        var counts = new double[edges.Length + 1];
        int bin = 0;
        for (int k = 0; k < cells.Count; k++)
        {
            double v = cells.Values[k];
            while (bin < edges.Length && v > edges[bin])
            {
                bin++;
            }

            counts[bin] += cells.Current[k];
        }

        return counts;
    }

    /// <summary>Window values below <paramref name="min"/> or above <paramref name="max"/>.</summary>
    public static int CountOutside(PooledCells cells, double min, double max)
    {
        int outside = 0;
        for (int k = 0; k < cells.Count; k++)
        {
            double v = cells.Values[k];
            outside += v < min || v > max ? cells.Current[k] : 0;
        }

        return outside;
    }

    /// <summary>Counts per distinct reference value, plus one column per value the reference never had (ascending).</summary>
    public static (double[] Reference, double[] Current) CountDistinct(NumericReferenceFeature feature, PooledCells cells)
    {
        double[] distinct = feature.DistinctValues;
        var known = new double[distinct.Length];
        List<double>? unseen = null;
        for (int k = 0; k < cells.Count; k++)
        {
            int c = cells.Current[k];
            if (c == 0)
            {
                continue;
            }

            int index = Array.BinarySearch(distinct, cells.Values[k]);
            if (index >= 0)
            {
                known[index] += c;
            }
            else
            {
                (unseen ??= []).Add(c);
            }
        }

        int extra = unseen?.Count ?? 0;
        var reference = new double[distinct.Length + extra];
        var current = new double[distinct.Length + extra];
        feature.DistinctCounts.CopyTo(reference, 0);
        known.CopyTo(current, 0);
        for (int j = 0; j < extra; j++)
        {
            current[distinct.Length + j] = unseen![j];
        }

        return (reference, current);
    }
}
