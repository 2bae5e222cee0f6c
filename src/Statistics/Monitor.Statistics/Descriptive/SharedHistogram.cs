using Monitor.Statistics.Drift;

namespace Monitor.Statistics;

/// <summary>
/// Two samples counted in the same bins, so one can be drawn over the other. Bin i holds values in
/// [Edges[i], Edges[i + 1]); the last bin is closed. Whole-number samples spanning fewer values than the bins
/// asked for get one bin per whole number (edges at k ± 0.5), so discrete and tied values are never split or merged.
/// </summary>
public sealed record SharedHistogram(double[] Edges, long[] FirstCounts, long[] SecondCounts, bool WholeNumberBins)
{
    /// <summary>Counts two ascending, NaN-free samples in at most <paramref name="bins"/> equal-width bins over both ranges.</summary>
    public static SharedHistogram Of(ReadOnlySpan<double> first, ReadOnlySpan<double> second, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (first.IsEmpty && second.IsEmpty)
        {
            return new SharedHistogram([], [], [], false);
        }

        double lo = Math.Min(first.IsEmpty ? double.PositiveInfinity : first[0], second.IsEmpty ? double.PositiveInfinity : second[0]);
        double hi = Math.Max(first.IsEmpty ? double.NegativeInfinity : first[^1], second.IsEmpty ? double.NegativeInfinity : second[^1]);
        bool whole = IsWhole(first) && IsWhole(second) && hi - lo < bins;
        double[] edges = whole ? WholeNumberEdges(lo, hi) : EqualWidthEdges(lo, hi, bins);
        return new SharedHistogram(edges, Count(first, edges), Count(second, edges), whole);
    }

    private static bool IsWhole(ReadOnlySpan<double> sorted)
    {
        foreach (double v in sorted)
        {
            if (Math.Floor(v) != v)
            {
                return false;
            }
        }

        return true;
    }

    private static double[] WholeNumberEdges(double lo, double hi)
    {
        int n = (int)(hi - lo) + 1;
        var edges = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            edges[i] = lo + i - 0.5;
        }

        return edges;
    }

    private static double[] EqualWidthEdges(double lo, double hi, int bins)
    {
        if (lo == hi)
        {
            return [lo - 0.5, hi + 0.5];
        }

        var edges = new List<double>(bins + 1) { lo };
        for (int i = 1; i <= bins; i++)
        {
            // Interpolated rather than lo + i * width: hi - lo overflows for samples spanning most of the doubles.
            double t = (double)i / bins;
            double edge = i == bins ? hi : (lo * (1 - t)) + (hi * t);

            // Near the limits of double precision neighbouring edges can coincide: such a bin would be empty by construction.
            if (edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        if (edges[^1] < hi)
        {
            edges[^1] = hi;
        }

        return [.. edges];
    }

    private static long[] Count(ReadOnlySpan<double> sorted, double[] edges)
    {
        var counts = new long[edges.Length - 1];
        int below = NumericReferenceFeature.LowerBound(sorted, edges[0]);
        for (int i = 0; i < counts.Length; i++)
        {
            int upTo = i == counts.Length - 1 ? NumericReferenceFeature.UpperBound(sorted, edges[i + 1]) : NumericReferenceFeature.LowerBound(sorted, edges[i + 1]);
            counts[i] = upTo - below;
            below = upTo;
        }

        return counts;
    }
}
