namespace Monitor.Statistics.Drift;

/// <summary>How a reference is prepared.</summary>
public sealed record DriftReferenceOptions
{
    public static DriftReferenceOptions Default { get; } = new();

    /// <summary>Bins for PSI and numeric Jensen-Shannon: edges at the reference's 1/B, 2/B, ... quantiles (deciles by default).</summary>
    public int PsiBins { get; init; } = 10;

    /// <summary>A numeric feature with at most this many distinct reference values is compared by value counts (chi-squared), as Evidently does.</summary>
    public int LowCardinalityLimit { get; init; } = 5;
}
