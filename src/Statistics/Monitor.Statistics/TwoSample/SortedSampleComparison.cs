namespace Monitor.Statistics;

/// <summary>
/// What one merge of two ascending samples says about their difference: the extreme gaps between the
/// empirical CDFs (Kolmogorov-Smirnov), the squared rank deviations (Cramér-von Mises) and the area between
/// the CDFs (Wasserstein-1). Drift evaluation needs all three, and doing them in one pass over the sorted
/// reference and window is what makes it cheap. Gaps are kept as exact integers i*n2 - j*n1.
/// </summary>
public readonly struct SortedSampleComparison
{
    public int ReferenceSize { get; init; }
    public int CurrentSize { get; init; }

    /// <summary>max over values of i*n2 - j*n1, where i and j count the reference and current values at or below it.</summary>
    public long MaxScaledGap { get; init; }
    public int MaxGapReferenceCount { get; init; }
    public int MaxGapCurrentCount { get; init; }

    /// <summary>min over values of i*n2 - j*n1.</summary>
    public long MinScaledGap { get; init; }
    public int MinGapReferenceCount { get; init; }
    public int MinGapCurrentCount { get; init; }

    /// <summary>Anderson's U: n1 * sum (rank - index)^2 over the reference plus n2 * the same over the current, with midranks for ties.</summary>
    public double RankDeviation { get; init; }

    /// <summary>Integral of |i*n2 - j*n1| over the real line, in units of 2^<see cref="AreaExponent"/>; divided by n1*n2 it is the Wasserstein-1 distance.</summary>
    public double ScaledArea { get; init; }

    /// <summary>0, except for values so large (near ±1e300) that the plain sum overflows: the area was then taken on scaled values.</summary>
    public int AreaExponent { get; init; }

    /// <summary>The two-sided KS statistic, computed as scipy computes it (cdf1 - cdf2 in floating point at the extremes).</summary>
    public double KolmogorovSmirnovStatistic
    {
        get
        {
            double maxS = (double)MaxGapReferenceCount / ReferenceSize - (double)MaxGapCurrentCount / CurrentSize;
            double minS = Math.Clamp(-((double)MinGapReferenceCount / ReferenceSize - (double)MinGapCurrentCount / CurrentSize), 0, 1);
            return minS > maxS ? minS : maxS;
        }
    }

    public double Wasserstein => Math.ScaleB(ScaledArea / ((double)ReferenceSize * CurrentSize), AreaExponent);

    /// <summary>Merges two ascending, NaN-free, non-empty samples.</summary>
    public static SortedSampleComparison Compare(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        int n1 = reference.Length;
        int n2 = current.Length;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples must be non-empty.");
        }

        if (!HasAdjacentEqual(reference) && !HasAdjacentEqual(current) && TryCompareDistinct(reference, current, out SortedSampleComparison distinct))
        {
            return distinct;
        }

        return CompareWithTies(reference, current);
    }

    /// <summary>
    /// The common case, all values distinct: a branch-free merge (which sample supplies the next value is data
    /// dependent and would be mispredicted half the time). Returns false on meeting a value in both samples.
    /// </summary>
    private static bool TryCompareDistinct(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, out SortedSampleComparison result)
    {
        int n1 = reference.Length;
        int n2 = current.Length;
        long maxGap = 0, minGap = 0;
        int maxI = 0, maxJ = 0, minI = 0, minJ = 0;
        double sumReference = 0, sumCurrent = 0, area = 0;
        long gap = 0;
        long stride = (long)n1 + n2;
        int i = 0, j = 0;
        bool tie = false;
        double previous = Math.Min(reference[0], current[0]);
        while (i < n1 && j < n2)
        {
            double x = reference[i];
            double y = current[j];
            tie |= x == y;
            int takeReference = x < y ? 1 : 0;
            double v = Math.Min(x, y);
            area += Math.Abs((double)gap) * (v - previous);
            previous = v;

            // A reference value's rank exceeds its index by the current values below it (j), and vice versa.
            double w = takeReference;
            double jd = j, id = i;
            sumReference += w * (jd * jd);
            sumCurrent += (1 - w) * (id * id);
            gap += takeReference * stride - n1;
            i += takeReference;
            j += 1 - takeReference;

            if (gap > maxGap)
            {
                maxGap = gap;
                maxI = i;
                maxJ = j;
            }
            else if (gap < minGap)
            {
                minGap = gap;
                minI = i;
                minJ = j;
            }
        }

        if (tie)
        {
            result = default;
            return false;
        }

        // One sample is used up: the rest of the other moves the gap monotonically back to zero.
        double nd2 = (double)n2 * n2;
        for (; i < n1; i++)
        {
            double x = reference[i];
            area += Math.Abs((double)gap) * (x - previous);
            previous = x;
            sumReference += nd2;
            gap += n2;
        }

        double nd1 = (double)n1 * n1;
        for (; j < n2; j++)
        {
            double y = current[j];
            area += Math.Abs((double)gap) * (y - previous);
            previous = y;
            sumCurrent += nd1;
            gap -= n1;
        }

        int exponent = 0;
        if (!double.IsFinite(area))
        {
            area = ScaledCdfArea.Of(reference, current, out exponent);
        }

        result = new SortedSampleComparison
        {
            ReferenceSize = n1,
            CurrentSize = n2,
            MaxScaledGap = maxGap,
            MaxGapReferenceCount = maxI,
            MaxGapCurrentCount = maxJ,
            MinScaledGap = minGap,
            MinGapReferenceCount = minI,
            MinGapCurrentCount = minJ,
            RankDeviation = n1 * sumReference + n2 * sumCurrent,
            ScaledArea = area,
            AreaExponent = exponent,
        };
        return true;
    }

    /// <summary>
    /// The comparison of two ascending samples without ties in either or across them, given for each current
    /// value the number of reference values below it. Every sum is a branch-free pass over the current sample,
    /// except Wasserstein, taken as the integral of |Q1(u) - Q2(u)| over the quantile grids i/n1 and j/n2 (equal
    /// to the area between the CDFs), whose merge order depends on the sizes only.
    /// </summary>
    internal static SortedSampleComparison FromRanks(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, ReadOnlySpan<int> below)
    {
        int n1 = reference.Length;
        int n2 = current.Length;
        long maxGap = 0, minGap = 0;
        int maxI = n1, maxJ = n2, minI = n1, minJ = n2;
        double sumReference = 0, sumCurrent = 0;
        int last = 0;
        for (int j = 0; j < n2; j++)
        {
            int c = below[j];
            double cd = c;
            sumCurrent += cd * cd;
            double jd = j;
            sumReference += jd * jd * (c - last);
            last = c;

            // Just before the j-th current value the gap peaks; just after it, it bottoms.
            long before = (long)c * n2 - (long)j * n1;
            long after = before - n1;
            if (before > maxGap)
            {
                maxGap = before;
                maxI = c;
                maxJ = j;
            }

            if (after < minGap)
            {
                minGap = after;
                minI = c;
                minJ = j + 1;
            }
        }

        sumReference += (double)n2 * n2 * (n1 - last);

        double area = 0;
        long previous = 0;
        int i = 0, k = 0;
        if (n1 == n2)
        {
            // Equal sizes: the quantile grids coincide, and the area is n * sum |a_i - y_i| in these units.
            for (; i < n1; i++)
            {
                area += Math.Abs(reference[i] - current[i]);
            }

            area *= n1;
        }

        while (i < n1 && k < n2)
        {
            long nextReference = (long)(i + 1) * n2;
            long nextCurrent = (long)(k + 1) * n1;
            long next = Math.Min(nextReference, nextCurrent);
            area += (next - previous) * Math.Abs(reference[i] - current[k]);
            previous = next;
            i += nextReference <= nextCurrent ? 1 : 0;
            k += nextCurrent <= nextReference ? 1 : 0;
        }

        int exponent = 0;
        if (!double.IsFinite(area))
        {
            area = ScaledCdfArea.Of(reference, current, out exponent);
        }

        return new SortedSampleComparison
        {
            ReferenceSize = n1,
            CurrentSize = n2,
            MaxScaledGap = maxGap,
            MaxGapReferenceCount = maxI,
            MaxGapCurrentCount = maxJ,
            MinScaledGap = minGap,
            MinGapReferenceCount = minI,
            MinGapCurrentCount = minJ,
            RankDeviation = n1 * sumReference + n2 * sumCurrent,
            ScaledArea = area,
            AreaExponent = exponent,
        };
    }

    private static bool HasAdjacentEqual(ReadOnlySpan<double> sorted)
    {
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The general merge: ties within and across samples, through the pooled cells.</summary>
    private static SortedSampleComparison CompareWithTies(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        PooledCells.FromSorted(reference, current).ToComparison();

    /// <summary>
    /// The comparison from pooled cells (distinct values ascending; per value its pooled count and its count in the
    /// current sample): gaps after each value, the area between the CDFs, and Anderson's U with midranks (a value
    /// tied r times in the reference and c times in the current sample, after i0 and j0 smaller ones, adds
    /// r (j0 + c/2)^2 + r (r^2 - 1)/12 to the reference's squared rank deviations, and symmetrically).
    /// </summary>
    internal static SortedSampleComparison FromCells(ReadOnlySpan<double> values, ReadOnlySpan<int> pooled, ReadOnlySpan<int> current, int n1, int n2)
    {
        long maxGap = long.MinValue, minGap = long.MaxValue;
        int maxI = 0, maxJ = 0, minI = 0, minJ = 0;
        double sumReference = 0, sumCurrent = 0, area = 0;
        int i = 0, j = 0;
        int count = values.Length;
        for (int k = 0; k < count; k++)
        {
            int c = current[k];
            int r = pooled[k] - c;
            double rd = r, cd = c;
            double offsetReference = j + 0.5 * cd;
            double offsetCurrent = i + 0.5 * rd;
            sumReference += rd * (offsetReference * offsetReference + (rd * rd - 1) / 12);
            sumCurrent += cd * (offsetCurrent * offsetCurrent + (cd * cd - 1) / 12);
            i += r;
            j += c;
            long gap = (long)i * n2 - (long)j * n1;
            if (gap > maxGap)
            {
                maxGap = gap;
                maxI = i;
                maxJ = j;
            }

            if (gap < minGap)
            {
                minGap = gap;
                minI = i;
                minJ = j;
            }

            if (k + 1 < count)
            {
                area += Math.Abs(gap) * (values[k + 1] - values[k]);
            }
        }

        int exponent = 0;
        if (!double.IsFinite(area))
        {
            area = ScaledCellArea(values, pooled, current, n1, n2, out exponent);
        }

        return new SortedSampleComparison
        {
            ReferenceSize = n1,
            CurrentSize = n2,
            MaxScaledGap = maxGap,
            MaxGapReferenceCount = maxI,
            MaxGapCurrentCount = maxJ,
            MinScaledGap = minGap,
            MinGapReferenceCount = minI,
            MinGapCurrentCount = minJ,
            RankDeviation = n1 * sumReference + n2 * sumCurrent,
            ScaledArea = area,
            AreaExponent = exponent,
        };
    }

    /// <summary>The area over the cells with the values scaled by a power of two first (magnitudes near ±1e300), as <see cref="ScaledCdfArea"/>.</summary>
    private static double ScaledCellArea(ReadOnlySpan<double> values, ReadOnlySpan<int> pooled, ReadOnlySpan<int> current, int n1, int n2, out int exponent)
    {
        double largest = Math.Max(Math.Abs(values[0]), Math.Abs(values[^1]));
        exponent = largest > 0 && double.IsFinite(largest) ? Math.ILogB(largest) + 1 : 0;
        double area = 0;
        int i = 0, j = 0;
        for (int k = 0; k + 1 < values.Length; k++)
        {
            j += current[k];
            i += pooled[k] - current[k];
            area += Math.Abs((long)i * n2 - (long)j * n1) * (Math.ScaleB(values[k + 1], -exponent) - Math.ScaleB(values[k], -exponent));
        }

        return area;
    }
}
