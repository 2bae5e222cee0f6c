namespace Monitor.Grains.Drift;

/// <summary>The drift report of <c>monitor drift</c>: the dataset verdict, each reference feature, and the window's features the reference lacks.</summary>
public sealed record DriftReportDocument(DatasetDrift Dataset, IReadOnlyList<FeatureDrift> Features, IReadOnlyList<string> UnknownFeatures);
