using Monitor.Grains.Trends;
using Monitor.Statistics.Trends;

namespace Monitor.Grains.Versions;

/// <summary>The version's trend figures for rules: its time series and drift history, read when a trend rule asks.</summary>
public sealed partial class ModelVersionGrain
{
    private TrendMetrics NewTrendMetrics() => new(
        (minutes, stepSeconds, nowMs) => _window.TimeSeries(_model, _version, minutes, stepSeconds, nowMs, _outcomes.Ledger.Classes.Count == 2, _outcomes.Calibration),
        (fromMs, toMs) => _history?.Read(_model, _version, fromMs, toMs, (int)DriftConfig.EvaluationInterval.TotalSeconds),
        options.Value.FineSpan,
        PageHinkleyOptions.Default);
}
