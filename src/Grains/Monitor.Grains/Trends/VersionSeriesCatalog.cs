using Monitor.Grains.Drift;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Trends;

/// <summary>
/// The catalogue metrics that have a series trend expressions can run over, and how each is read: per time step
/// from the version's buckets (the points of <c>GET .../timeseries</c>), or per drift evaluation from its history.
/// Units are the rules' (rates as fractions), so a trend's threshold means what the metric's does.
/// </summary>
public static class VersionSeriesCatalog
{
    private static readonly Dictionary<string, Func<TimeSeriesPoint, double?>> Steps = new(StringComparer.Ordinal)
    {
        [VersionMetricNames.LatencyP50] = p => p.P50LatencyMs,
        [VersionMetricNames.LatencyP95] = p => p.P95LatencyMs,
        [VersionMetricNames.LatencyP99] = p => p.P99LatencyMs,
        [VersionMetricNames.ErrorRate] = p => p.TotalRequests == 0 ? null : (double)p.ErrorCount / p.TotalRequests,
        [VersionMetricNames.SuccessRate] = p => p.TotalRequests == 0 ? null : (double)(p.TotalRequests - p.ErrorCount) / p.TotalRequests,
        [VersionMetricNames.Throughput] = p => p.ThroughputPerSecond,
        [VersionMetricNames.ConfidenceMean] = p => p.ConfidenceMean,
        [OutcomeMetricNames.Accuracy] = p => p.Outcomes?.Accuracy,
        [OutcomeMetricNames.PrecisionMacro] = p => p.Outcomes?.PrecisionMacro,
        [OutcomeMetricNames.RecallMacro] = p => p.Outcomes?.RecallMacro,
        [OutcomeMetricNames.F1Macro] = p => p.Outcomes?.F1Macro,
        [OutcomeMetricNames.F1Weighted] = p => p.Outcomes?.F1Weighted,
        [OutcomeMetricNames.RocAuc] = p => p.Outcomes?.RocAuc,
        [OutcomeMetricNames.Mae] = p => p.Outcomes?.Mae,
        [OutcomeMetricNames.Rmse] = p => p.Outcomes?.Rmse,
        [OutcomeMetricNames.Mape] = p => p.Outcomes?.Mape,
        [OutcomeMetricNames.EstimatedAccuracy] = p => p.Outcomes?.EstimatedAccuracy,
        [OutcomeMetricNames.CalibrationError] = p => p.Outcomes?.CalibrationError,
        [OutcomeMetricNames.LabelCoverage] = p => p.Outcomes?.LabelCoverage,
        [OutcomeMetricNames.LabelDelayP50] = p => p.Outcomes?.LabelDelayP50Seconds,
        [OutcomeMetricNames.ClickThroughRate] = p => p.Outcomes?.ClickThroughRate,
        [OutcomeMetricNames.ConversionRate] = p => p.Outcomes?.ConversionRate,
        [OutcomeMetricNames.RevenuePerPrediction] = p => p.Outcomes?.RevenuePerPrediction,
        [OutcomeMetricNames.Revenue] = p => p.Outcomes?.Revenue,
    };

    private static readonly Dictionary<string, Func<FeatureDriftPoint, double?>> FeatureDrift = new(StringComparer.Ordinal)
    {
        [DriftMetricNames.FeatureDriftPValue] = p => p.PValue,
        [DriftMetricNames.FeatureDriftAdjustedPValue] = p => p.AdjustedPValue,
        [DriftMetricNames.FeatureDriftStatistic] = p => p.Statistic,
        [DriftMetricNames.FeaturePsi] = p => p.Psi,
    };

    /// <summary>The series a chart of <c>GET .../timeseries</c> shows, in the order change points are reported.</summary>
    public static IReadOnlyList<string> Charted { get; } =
    [
        VersionMetricNames.LatencyP50, VersionMetricNames.LatencyP95, VersionMetricNames.LatencyP99, VersionMetricNames.ErrorRate,
        VersionMetricNames.Throughput, VersionMetricNames.ConfidenceMean, OutcomeMetricNames.Accuracy, OutcomeMetricNames.EstimatedAccuracy,
        OutcomeMetricNames.Mae, OutcomeMetricNames.ClickThroughRate, OutcomeMetricNames.ConversionRate, OutcomeMetricNames.RevenuePerPrediction,
    ];

    /// <summary>Every metric name with a series, for documentation and error messages.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Steps.Keys, DriftMetricNames.DriftedFeatureShare, .. FeatureDrift.Keys, DriftMetricNames.OutputDriftPValue];

    public static bool HasSeries(string metric) => All.Contains(metric);

    /// <summary>The metric's value at a time step; null for a step without one (no records, no labels).</summary>
    public static bool TryStep(string metric, out Func<TimeSeriesPoint, double?> read) => Steps.TryGetValue(metric, out read!);

    /// <summary>The metric's values at each drift evaluation, for one feature (or output) or the dataset.</summary>
    public static IEnumerable<(DateTimeOffset Time, double? Value)> Drift(string metric, string? feature, DriftHistory history)
    {
        if (metric == DriftMetricNames.DriftedFeatureShare)
        {
            return history.Evaluations.Select(e => (e.Time, e.FeaturesTested == 0 ? (double?)null : (double)e.FeaturesDrifted / e.FeaturesTested));
        }

        var isOutput = metric == DriftMetricNames.OutputDriftPValue;
        var read = isOutput ? (p => p.PValue) : FeatureDrift.GetValueOrDefault(metric);
        var series = (isOutput ? history.Outputs : history.Features).FirstOrDefault(f => f.Name == feature);
        return read is null || series is null ? [] : series.Points.Select(p => (p.Time, read(p)));
    }
}
