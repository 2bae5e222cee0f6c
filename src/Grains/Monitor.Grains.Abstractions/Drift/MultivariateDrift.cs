namespace Monitor.Grains.Drift;

/// <summary>
/// How a version judges multivariate drift: a PCA of its reference's standardized numeric features and the
/// window's mean reconstruction error, within bounds from the reference's own chunk-to-chunk variation.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.MultivariateDriftSettings")]
public sealed record MultivariateDriftSettings
{
    public static MultivariateDriftSettings Default { get; } = new();

    /// <summary>On by default; it applies when the reference has at least two numeric features.</summary>
    [Id(0)] public bool Enabled { get; init; } = true;

    /// <summary>Share of the standardized reference's variance the kept components explain (NannyML's 0.65).</summary>
    [Id(1)] public double VarianceToKeep { get; init; } = 0.65;

    /// <summary>Chunks the reference is split into, in order, for the threshold.</summary>
    [Id(2)] public int ReferenceChunks { get; init; } = 10;

    /// <summary>The lower bound: the chunks' mean error minus this many of their standard deviations.</summary>
    [Id(3)] public double LowerStandardDeviations { get; init; } = 3;

    /// <summary>The upper bound: the chunks' mean error plus this many of their standard deviations.</summary>
    [Id(4)] public double UpperStandardDeviations { get; init; } = 3;
}

/// <summary>
/// The multivariate section of a drift report: the window's PCA reconstruction error against the reference's
/// and the bounds it must stay within (scaled from the reference chunks' size to the window's rows).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.MultivariateDrift")]
public sealed record MultivariateDrift
{
    /// <summary>"pca_reconstruction".</summary>
    [Id(0)] public string Method { get; init; } = "pca_reconstruction";

    /// <summary>"evaluated", or "insufficient_data" (too few window rows, or a reference that cannot be fitted; see <see cref="Message"/>).</summary>
    [Id(1)] public required string Status { get; init; }

    /// <summary>True when the error lies outside the bounds; null without a verdict.</summary>
    [Id(2)] public bool? Drifted { get; init; }

    /// <summary>Mean Euclidean distance between the window's standardized rows and their reconstruction.</summary>
    [Id(3)] public double? ReconstructionError { get; init; }
    [Id(4)] public double? LowerThreshold { get; init; }
    [Id(5)] public double? UpperThreshold { get; init; }

    /// <summary>Principal components kept.</summary>
    [Id(6)] public int Components { get; init; }

    /// <summary>Share of the standardized reference's variance they explain.</summary>
    [Id(7)] public double VarianceKept { get; init; }

    /// <summary>The numeric features used, in reference order.</summary>
    [Id(8)] public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Window rows with at least one of the features present.</summary>
    [Id(9)] public int WindowRows { get; init; }

    /// <summary>The reference's chunks: their number, rows each, and the mean and standard deviation of their errors.</summary>
    [Id(10)] public int ReferenceChunks { get; init; }
    [Id(11)] public int ChunkRows { get; init; }
    [Id(12)] public double? ReferenceError { get; init; }
    [Id(13)] public double? ReferenceErrorStandardDeviation { get; init; }

    /// <summary>Why there is no verdict, when there is none.</summary>
    [Id(14)] public string? Message { get; init; }

    /// <summary>A row's error counts at most this much (the 0.999 quantile of the reference's held-out row errors).</summary>
    [Id(15)] public double? RowErrorCap { get; init; }
}

/// <summary>The multivariate figures of one evaluation in the drift history.</summary>
[GenerateSerializer, Immutable, Alias("monitor.MultivariateDriftPoint")]
public sealed record MultivariateDriftPoint
{
    [Id(0)] public required string Status { get; init; }
    [Id(1)] public bool? Drifted { get; init; }
    [Id(2)] public double? ReconstructionError { get; init; }
    [Id(3)] public double? LowerThreshold { get; init; }
    [Id(4)] public double? UpperThreshold { get; init; }
}
