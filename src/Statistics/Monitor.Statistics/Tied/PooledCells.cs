namespace Monitor.Statistics;

/// <summary>
/// Two samples as counts over their pooled distinct values, ascending: for each distinct value how often it
/// occurs in both samples together and in the current sample. With ties this is all any rank test can see of
/// the data, and every tie-aware statistic and its conditional null (the current sample's counts drawn without
/// replacement from the pooled counts) is computed from it in passes over the cells rather than the values.
/// </summary>
public sealed partial class PooledCells
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

    /// <summary>Cells of an ascending reference and an ascending current sample (NaN-free, non-empty; ties allowed in both).</summary>
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

        // At most one cell per level and per distinct window value: counting the latter first keeps the arrays at
        // the size of the cells (a tied window of 10,000 over 70 levels needs about 140, not 10,070).
        int distinctCurrent = 1;
        for (int t = 1; t < current.Length; t++)
        {
            distinctCurrent += current[t] != current[t - 1] ? 1 : 0;
        }

        int capacity = levels.Length + distinctCurrent;
        var values = new double[capacity];
        var pooled = new int[capacity];
        var cur = new int[capacity];
        int k = 0, i = 0, j = 0;
        int nl = levels.Length, m = current.Length;
        while (i < nl || j < m)
        {
            double v = j >= m || (i < nl && levels[i] <= current[j]) ? levels[i] : current[j];
            // Levels may repeat (a tied sorted reference given value by value): each group is one cell.
            int inReference = 0;
            while (i < nl && levels[i] == v)
            {
                inReference += levelCounts is null ? 1 : levelCounts[i];
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
    /// The KS gaps, the Wasserstein area and Anderson's midrank U of the two samples (gaps taken after each group
    /// of equal values, as scipy does), for tests that read a <see cref="SortedSampleComparison"/>.
    /// </summary>
    public SortedSampleComparison ToComparison() =>
        SortedSampleComparison.FromCells(Values.AsSpan(0, Count), Pooled.AsSpan(0, Count), Current.AsSpan(0, Count), ReferenceSize, CurrentSize);
}
