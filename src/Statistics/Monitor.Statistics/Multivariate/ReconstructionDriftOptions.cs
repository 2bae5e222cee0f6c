namespace Monitor.Statistics.Multivariate;

/// <summary>How multivariate drift is judged by PCA reconstruction error. The defaults follow NannyML's data reconstruction drift.</summary>
public sealed record ReconstructionDriftOptions
{
    public static ReconstructionDriftOptions Default { get; } = new();

    /// <summary>Share of the standardized reference's variance the kept components must explain (more than this share).</summary>
    public double VarianceToKeep { get; init; } = 0.65;

    /// <summary>Chunks the reference is split into for the threshold (its chunk-to-chunk variation).</summary>
    public int ReferenceChunks { get; init; } = 10;

    /// <summary>The threshold's lower bound is the chunks' mean error minus this many standard deviations.</summary>
    public double LowerStandardDeviations { get; init; } = 3;

    /// <summary>The threshold's upper bound is the chunks' mean error plus this many standard deviations.</summary>
    public double UpperStandardDeviations { get; init; } = 3;

    /// <summary>Each reference chunk needs this many rows (so the reference, chunks times as many).</summary>
    public int MinimumChunkRows { get; init; } = 10;

    /// <summary>Row errors count at most this quantile of the reference's held-out row errors (1: no cap).</summary>
    public double RowErrorCapQuantile { get; init; } = 0.999;

    /// <summary>Numeric features used at most (in reference order): the fit is cubic in their number.</summary>
    public int MaxFeatures { get; init; } = 200;
}
