namespace Monitor.Grains.Drift;

/// <summary>
/// One feature's reference distribution and its distribution in the current feature window (the last W records),
/// in a form that can be drawn one over the other: for a numeric feature counts in shared bins and ECDF points,
/// for a categorical one counts per category (the most frequent, then the rest as "other").
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.FeatureDistribution")]
public sealed record FeatureDistribution
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required string Feature { get; init; }

    /// <summary>"numeric" or "categorical": the reference's type of the feature.</summary>
    [Id(3)] public required string Kind { get; init; }

    /// <summary>When the window was read.</summary>
    [Id(4)] public required DateTimeOffset ReadAt { get; init; }
    [Id(5)] public required ReferenceSample Reference { get; init; }
    [Id(6)] public required WindowSample Current { get; init; }

    /// <summary>Counts in shared bins; numeric features only.</summary>
    [Id(7)] public DistributionHistogram? Histogram { get; init; }

    /// <summary>Empirical distribution functions of both samples; numeric features only.</summary>
    [Id(8)] public DistributionEcdf? Ecdf { get; init; }

    /// <summary>The most frequent categories of either sample, most frequent first; categorical features only.</summary>
    [Id(9)] public IReadOnlyList<CategoryShare>? Categories { get; init; }

    /// <summary>The categories beyond those listed, together; null when every category is listed.</summary>
    [Id(10)] public OtherCategories? Other { get; init; }
}

/// <summary>The reference's side: its rows, the feature's present and missing values, and when it was set.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ReferenceSample")]
public sealed record ReferenceSample
{
    [Id(0)] public required int Rows { get; init; }

    /// <summary>Values present (the counts sum to this).</summary>
    [Id(1)] public required int Size { get; init; }
    [Id(2)] public required int Missing { get; init; }
    [Id(3)] public DateTimeOffset? SetAt { get; init; }
}

/// <summary>The current window's side: its records and their time range, the feature's present, missing and mistyped values.</summary>
[GenerateSerializer, Immutable, Alias("monitor.WindowSample")]
public sealed record WindowSample
{
    /// <summary>Records in the window (at most <see cref="WindowSize"/>).</summary>
    [Id(0)] public required int Records { get; init; }

    /// <summary>W, the feature window's size (Monitor:Windows:FeatureWindow).</summary>
    [Id(1)] public required int WindowSize { get; init; }

    /// <summary>Values present and of the feature's type (the counts sum to this).</summary>
    [Id(2)] public required int Size { get; init; }

    /// <summary>Records with the feature null or absent.</summary>
    [Id(3)] public required int Missing { get; init; }

    /// <summary>Records with text in a numeric feature (not counted in the bins).</summary>
    [Id(4)] public required int WrongType { get; init; }

    /// <summary>The earliest and latest record time in the window; null when it is empty.</summary>
    [Id(5)] public DateTimeOffset? From { get; init; }
    [Id(6)] public DateTimeOffset? To { get; init; }
}

/// <summary>
/// Both samples counted in the same bins: bin i holds values in [edges[i], edges[i + 1]), the last bin is closed.
/// Whole-number features spanning few values get one bin per whole number (<see cref="WholeNumberBins"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.DistributionHistogram")]
public sealed record DistributionHistogram
{
    [Id(0)] public required double[] Edges { get; init; }
    [Id(1)] public required long[] ReferenceCounts { get; init; }
    [Id(2)] public required long[] CurrentCounts { get; init; }
    [Id(3)] public required bool WholeNumberBins { get; init; }
}

/// <summary>The two empirical distribution functions as step points: F(x[i]) = p[i], the share of values at or below x[i].</summary>
[GenerateSerializer, Immutable, Alias("monitor.DistributionEcdf")]
public sealed record DistributionEcdf
{
    [Id(0)] public required EcdfSteps Reference { get; init; }
    [Id(1)] public required EcdfSteps Current { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.EcdfSteps")]
public sealed record EcdfSteps
{
    [Id(0)] public required double[] X { get; init; }
    [Id(1)] public required double[] P { get; init; }
}

/// <summary>A category's count in the reference and in the window; <see cref="InReference"/> false for a category the reference never had.</summary>
[GenerateSerializer, Immutable, Alias("monitor.CategoryShare")]
public sealed record CategoryShare
{
    [Id(0)] public required string Value { get; init; }
    [Id(1)] public required long Reference { get; init; }
    [Id(2)] public required long Current { get; init; }
    [Id(3)] public required bool InReference { get; init; }
}

/// <summary>The categories not listed, summed: how many there are and their counts in each sample.</summary>
[GenerateSerializer, Immutable, Alias("monitor.OtherCategories")]
public sealed record OtherCategories
{
    [Id(0)] public required int Categories { get; init; }
    [Id(1)] public required long Reference { get; init; }
    [Id(2)] public required long Current { get; init; }
}

/// <summary>What <c>GET .../drift/features/{feature}/distribution</c> asks: the feature, the bins for numbers, the categories listed.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DistributionQuery")]
public sealed record DistributionQuery
{
    [Id(0)] public required string Feature { get; init; }
    [Id(1)] public int Bins { get; init; } = 20;
    [Id(2)] public int Top { get; init; } = 20;
}

/// <summary>The answer to a <see cref="DistributionQuery"/>: the distribution, or why there is none.</summary>
[GenerateSerializer, Immutable, Alias("monitor.FeatureDistributionLookup")]
public sealed record FeatureDistributionLookup
{
    /// <summary>Null when the version has no reference or the reference has no such feature.</summary>
    [Id(0)] public FeatureDistribution? Distribution { get; init; }
    [Id(1)] public required bool HasReference { get; init; }

    /// <summary>The reference's feature names (the first 50), to say which exist when the one asked for does not.</summary>
    [Id(2)] public IReadOnlyList<string> Features { get; init; } = [];
}
