namespace Monitor.Statistics.Drift;

/// <summary>
/// A numeric reference feature: its values sorted once (every evaluation merges the window against them),
/// its moments, its frozen PSI bins, and for low-cardinality features the distinct values and their counts.
/// </summary>
public sealed class NumericReferenceFeature : ReferenceFeature
{
    private NumericReferenceFeature(string name, double[] sorted, int missing, DriftReferenceOptions options)
        : base(name, sorted.Length, missing)
    {
        Sorted = sorted;
        if (sorted.Length == 0)
        {
            BinEdges = [];
            BinCounts = [];
            DistinctValues = [];
            DistinctCounts = [];
            Mean = double.NaN;
            StandardDeviation = double.NaN;
            RankIndex = null;
            Levels = [];
            _nullWeights = new Lazy<(double[], double)>(() => ([], 0));
            return;
        }

        (Levels, LevelCounts, IsIntegerValued) = DistinctLevels(sorted);
        LargestLevelShare = (double)(LevelCounts?.Max() ?? 1) / sorted.Length;
        int[]? levelCounts = LevelCounts;
        _nullWeights = new Lazy<(double[], double)>(() => DiscreteBridgeWeights.Of(levelCounts ?? Ones(sorted.Length)));

        // A tied reference is compared through its levels (the window counted per level, never sorted), an
        // untied one through the rank index over its values.
        if (LevelCounts is null)
        {
            RankIndex = new ReferenceRankIndex(sorted);
        }
        else
        {
            LevelIndex = new ReferenceRankIndex(Levels);
        }

        SampleMoments moments = SampleMoments.Of(sorted);
        Mean = moments.Mean;
        StandardDeviation = moments.StandardDeviation(0);

        var edges = new List<double>(options.PsiBins);
        for (int i = 1; i < options.PsiBins; i++)
        {
            double edge = LinearQuantile.OfSorted(sorted, (double)i / options.PsiBins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        BinEdges = edges.ToArray();
        BinCounts = CountBins(sorted, BinEdges);

        var distinct = new List<double>();
        var counts = new List<double>();
        int start = 0;
        while (start < sorted.Length && distinct.Count <= options.LowCardinalityLimit)
        {
            int end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start])
            {
                end++;
            }

            distinct.Add(sorted[start]);
            counts.Add(end - start);
            start = end;
        }

        if (distinct.Count <= options.LowCardinalityLimit)
        {
            DistinctValues = distinct.ToArray();
            DistinctCounts = counts.ToArray();
        }
        else
        {
            DistinctValues = [];
            DistinctCounts = [];
        }
    }

    public override FeatureKind Kind => FeatureKind.Numeric;

    /// <summary>The distinct reference values, ascending (the sorted values themselves when none repeats).</summary>
    public double[] Levels { get; }

    /// <summary>How often each of <see cref="Levels"/> occurs; null when every value occurs once.</summary>
    public int[]? LevelCounts { get; }

    /// <summary>
    /// The weights of the tie-aware Cramér-von Mises limiting null from the reference's cell probabilities, computed
    /// on first use and reused by every evaluation (see <see cref="TiedCramerVonMises"/>).
    /// </summary>
    public (double[] Weights, double Remainder) NullWeights => _nullWeights.Value;

    private readonly Lazy<(double[], double)> _nullWeights;

    /// <summary>Distinct reference values.</summary>
    public int DistinctCount => Levels.Length;

    /// <summary>The share of the reference held by its most frequent value (a point mass: zeros of a zero-inflated amount).</summary>
    public double LargestLevelShare { get; }

    /// <summary>Whether some reference value repeats (then the tie-aware tests decide).</summary>
    public bool HasTies => LevelCounts is not null;

    /// <summary>Whether every reference value is a whole number (counts, ratings, codes).</summary>
    public bool IsIntegerValued { get; }

    /// <summary>What the data look like, for the reason a verdict test was chosen.</summary>
    public string Describe() => (IsCountBased, HasTies, IsIntegerValued) switch
    {
        (true, _, _) => $"{DistinctCount} distinct reference values",
        (_, false, _) => "continuous (no tied reference values)",
        (_, true, true) => $"integer-valued, {DistinctCount} distinct values in {Count} (tied)",
        (_, true, false) => $"tied, {DistinctCount} distinct values in {Count}",
    };

    /// <summary>The present values, ascending.</summary>
    public double[] Sorted { get; }

    public double Mean { get; }

    /// <summary>Ranks window values against the reference without a merge (null for an empty or a tied reference).</summary>
    public ReferenceRankIndex? RankIndex { get; }

    /// <summary>The index over <see cref="Levels"/> of a tied reference, which counts a window per level (null otherwise).</summary>
    public ReferenceRankIndex? LevelIndex { get; }

    /// <summary>Population standard deviation (numpy's default ddof = 0), the scale for normed Wasserstein.</summary>
    public double StandardDeviation { get; }

    public double Min => Sorted.Length > 0 ? Sorted[0] : double.NaN;

    public double Max => Sorted.Length > 0 ? Sorted[^1] : double.NaN;

    /// <summary>Interior bin edges (strictly increasing); bin i holds values in (edge[i-1], edge[i]], the outer bins are open.</summary>
    public double[] BinEdges { get; }

    /// <summary>Reference values per bin.</summary>
    public double[] BinCounts { get; }

    /// <summary>The distinct values of a low-cardinality feature (empty otherwise), ascending.</summary>
    public double[] DistinctValues { get; }

    public double[] DistinctCounts { get; }

    public override bool IsCountBased => DistinctValues.Length > 0;

    public override int CategoryCount => DistinctValues.Length;

    /// <summary>Prepares a feature from raw values (NaN = missing); the input is not modified.</summary>
    public static NumericReferenceFeature Create(string name, ReadOnlySpan<double> values, DriftReferenceOptions? options = null)
    {
        var present = new double[values.Length];
        int count = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                present[count++] = v;
            }
        }

        Array.Resize(ref present, count);
        DoubleRadixSort.Sort(present);
        return new NumericReferenceFeature(name, present, values.Length - count, options ?? DriftReferenceOptions.Default);
    }

    private static int[] Ones(int n)
    {
        var ones = new int[n];
        Array.Fill(ones, 1);
        return ones;
    }

    private static (double[] Levels, int[]? Counts, bool Integer) DistinctLevels(double[] sorted)
    {
        bool integer = true;
        int distinct = 1;
        for (int i = 0; i < sorted.Length; i++)
        {
            integer &= Math.Floor(sorted[i]) == sorted[i];
            distinct += i > 0 && sorted[i] != sorted[i - 1] ? 1 : 0;
        }

        if (distinct == sorted.Length)
        {
            return (sorted, null, integer);
        }

        var levels = new double[distinct];
        var counts = new int[distinct];
        int k = -1;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                levels[++k] = sorted[i];
            }

            counts[k]++;
        }

        return (levels, counts, integer);
    }

    /// <summary>Counts of an ascending sample per bin of <paramref name="edges"/>.</summary>
    internal static double[] CountBins(ReadOnlySpan<double> sorted, ReadOnlySpan<double> edges)
    {
        var counts = new double[edges.Length + 1];
        int previous = 0;
        for (int i = 0; i < edges.Length; i++)
        {
            int atOrBelow = UpperBound(sorted, edges[i]);
            counts[i] = atOrBelow - previous;
            previous = atOrBelow;
        }

        counts[edges.Length] = sorted.Length - previous;
        return counts;
    }

    /// <summary>Number of elements &lt;= value in an ascending span.</summary>
    internal static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Number of elements &lt; value in an ascending span.</summary>
    internal static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
