namespace Monitor.Statistics.Drift;

/// <summary>
/// The dataset-level decision: drift when any feature's verdict is drift after the multiple-testing correction
/// across the features judged by p-values.
/// </summary>
public sealed record DatasetDriftVerdict(
    bool Drifted,
    MultipleTestingCorrection Correction,
    double Alpha,
    int MinimumSampleSize,
    int FeaturesTested,
    int FeaturesDrifted,
    int FeaturesWithoutVerdict,
    double DriftedShare);
