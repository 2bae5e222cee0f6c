namespace Monitor.Statistics;

/// <summary>
/// Two samples as counts over their pooled distinct values, ascending: for each distinct value how often it
/// occurs in both samples together and in the current sample. With ties this is all any rank test can see of
/// the data, and every tie-aware statistic and its conditional null (the current sample's counts drawn without
/// replacement from the pooled counts) is computed from it in passes over the cells rather than the values.
/// </summary>
public sealed class PooledCells
{
    private PooledCells(double[] values, int[] pooled, int[] current, int count, int referenceSize, int currentSize)
    {
        Values = values;
        Pooled = pooled;
        Current = current;
        Count = count;
        ReferenceSize = referenceSize;
        CurrentSize = currentSize;
    }

    /// <summary>The distinct values, ascending (the first <see cref="Count"/> entries are used).</summary>
    public double[] Values { get; }

    /// <summary>Occurrences of each value in both samples together.</summary>
    public int[] Pooled { get; }

    /// <summary>Occurrences of each value in the current sample.</summary>
    public int[] Current { get; }

    public int Count { get; }

    public int ReferenceSize { get; }

    public int CurrentSize { get; }

    public int Total => ReferenceSize + CurrentSize;

    /// <summary>Whether any value occurs more than once in the pooled sample.</summary>
    public bool HasTies
    {
        get
        {
            for (int k = 0; k < Count; k++)
            {
                if (Pooled[k] > 1)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Cells of an ascending reference and an ascending current sample (NaN-free, non-empty).</summary>
    public static PooledCells FromSorted(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        FromLevels(reference, null, reference.Length, current);

    /// <summary>
    /// Cells from the reference's distinct values (<paramref name="levels"/>, ascending) with their counts (null:
    /// each once) and an ascending current sample: one merge of the window against the levels, so a heavily tied
    /// reference costs its number of distinct values, not its size.
    /// </summary>
    public static PooledCells FromLevels(ReadOnlySpan<double> levels, int[]? levelCounts, int referenceSize, ReadOnlySpan<double> current)
    {
        if (levels.IsEmpty || current.IsEmpty)
        {
            throw new ArgumentException("Both samples must be non-empty.");
        }

        int capacity = levels.Length + current.Length;
        var values = new double[capacity];
        var pooled = new int[capacity];
        var cur = new int[capacity];
        int k = 0, i = 0, j = 0;
        int nl = levels.Length, m = current.Length;
        while (i < nl || j < m)
        {
            double v = j >= m || (i < nl && levels[i] <= current[j]) ? levels[i] : current[j];
            int inReference = 0;
            if (i < nl && levels[i] == v)
            {
                inReference = levelCounts is null ? 1 : levelCounts[i];
                i++;
            }

            int start = j;
            while (j < m && current[j] == v)
            {
                j++;
            }

            values[k] = v;
            cur[k] = j - start;
            pooled[k] = inReference + (j - start);
            k++;
        }

        return new PooledCells(values, pooled, cur, k, referenceSize, m);
    }

    /// <summary>
    /// The KS gaps and the Wasserstein area of the two samples, as the value-by-value merge gives them (gaps are
    /// taken after each group of equal values, as scipy does), for tests that read a <see cref="SortedSampleComparison"/>.
    /// </summary>
    public SortedSampleComparison ToComparison()
    {
        int n1 = ReferenceSize, n2 = CurrentSize;
        long maxGap = long.MinValue, minGap = long.MaxValue;
        int maxI = 0, maxJ = 0, minI = 0, minJ = 0;
        int i = 0, j = 0;
        double area = 0;
        for (int k = 0; k < Count; k++)
        {
            j += Current[k];
            i += Pooled[k] - Current[k];
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

            if (k + 1 < Count)
            {
                area += Math.Abs(gap) * (Values[k + 1] - Values[k]);
            }
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
            RankDeviation = double.NaN,
            ScaledArea = area,
        };
    }
}
