namespace Monitor.Statistics.Drift;

/// <summary>A drift report: the dataset verdict, one entry per reference feature, and the window's features the reference does not know.</summary>
public sealed record DriftReport(
    DatasetDriftVerdict Dataset,
    IReadOnlyList<FeatureDriftReport> Features,
    IReadOnlyList<string> UnknownFeatures);
