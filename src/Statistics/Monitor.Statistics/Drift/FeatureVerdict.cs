namespace Monitor.Statistics.Drift;

/// <summary>
/// The test that decides a feature and its decision within the dataset: for p-value tests, the p-value after
/// the multiple-testing correction compared with alpha; for distances, the statistic compared with the threshold.
/// </summary>
public sealed record FeatureVerdict(
    DriftTest Test,
    bool IsDefaultTest,
    double Statistic,
    double? PValue,
    double? AdjustedPValue,
    double Threshold,
    bool Drifted);
