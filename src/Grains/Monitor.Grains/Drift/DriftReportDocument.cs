namespace Monitor.Grains.Drift;

/// <summary>
/// The drift report of <c>monitor drift</c>: the dataset verdict, each reference feature, the window's features the
/// reference lacks, and the multivariate section (null when off or without two numeric columns).
/// </summary>
public sealed record DriftReportDocument(DatasetDrift Dataset, IReadOnlyList<FeatureDrift> Features, IReadOnlyList<string> UnknownFeatures)
{
    public MultivariateDrift? Multivariate { get; init; }
}
