namespace Monitor.Grains.RuleInputs;

/// <summary>The metrics a rule scoped per segment may use: the version's names, computed over the segment's records.</summary>
public static class SegmentMetricNames
{
    public static IReadOnlyList<string> All { get; } =
    [
        DriftMetricNames.DriftDetected, DriftMetricNames.DriftInsufficientData, DriftMetricNames.DriftedFeatureShare,
        VersionMetricNames.LatencyP50, VersionMetricNames.LatencyP95, VersionMetricNames.LatencyP99, VersionMetricNames.ErrorRate,
        VersionMetricNames.SuccessRate, VersionMetricNames.Throughput, VersionMetricNames.ConfidenceMean, VersionMetricNames.LowConfidenceShare,
    ];
}
