namespace Monitor.Statistics.Drift;

/// <summary>
/// One test on one feature: its statistic, its p-value where it has one, the threshold it is judged by (alpha
/// for p-value tests, the distance limit otherwise), whether that alone says drift (uncorrected), both sizes,
/// and for p-value tests how the p-value was obtained (<see cref="NullMethods"/>).
/// </summary>
public sealed record DriftTestResult(
    DriftTest Test,
    double Statistic,
    double? PValue,
    double Threshold,
    bool Drifted,
    int ReferenceSize,
    int CurrentSize,
    string? PValueMethod = null);
