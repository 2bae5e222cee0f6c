namespace Monitor.Grains.RuleInputs;

/// <summary>The names alert rules use for a version's figures. Rates and shares are fractions in [0, 1].</summary>
public static class VersionMetricNames
{
    public const string LatencyP50 = "latency_p50_ms";
    public const string LatencyP95 = "latency_p95_ms";
    public const string LatencyP99 = "latency_p99_ms";
    public const string ErrorRate = "error_rate";
    public const string SuccessRate = "success_rate";

    /// <summary>Records per second.</summary>
    public const string Throughput = "throughput";
    public const string ConfidenceMean = "confidence_mean";
    public const string LowConfidenceShare = "low_confidence_share";

    public static IReadOnlyList<string> Window { get; } =
        [LatencyP50, LatencyP95, LatencyP99, ErrorRate, SuccessRate, Throughput, ConfidenceMean, LowConfidenceShare];
}
