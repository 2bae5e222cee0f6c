namespace Monitor.Statistics.Drift;

/// <summary>
/// The test that decides a feature and its decision within the dataset: for p-value tests, the p-value after
/// the multiple-testing correction compared with alpha; for distances, the statistic compared with the threshold.
/// <see cref="Reason"/> says why this test decides (the data it saw, or the setting that chose it);
/// <see cref="PValueMethod"/> how its p-value was obtained.
/// </summary>
public sealed record FeatureVerdict(
    DriftTest Test,
    bool IsDefaultTest,
    double Statistic,
    double? PValue,
    double? AdjustedPValue,
    double Threshold,
    bool Drifted,
    string Reason = "",
    string? PValueMethod = null);
