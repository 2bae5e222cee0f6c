using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows;
using Monitor.Statistics.Trends;

namespace Monitor.Grains.Trends;

/// <summary>
/// Trend figures for alert rules (moving averages, slopes, change points) over the version's time steps and drift
/// history. It keeps no state of its own: every figure is recomputed from the parts it reads when a rule asks.
/// </summary>
public sealed class TrendPart(WindowPart windows, OutcomesPart outcomes, DriftPart drift) : VersionPart
{
    private TrendMetrics? _metrics;

    public override string Name => "trends";

    public override IVersionMetrics? Metrics => _metrics;

    public override Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken)
    {
        _metrics = new TrendMetrics(
            (minutes, stepSeconds, nowMs) => windows.Window.TimeSeries(
                context.Model, context.Version, minutes, stepSeconds, nowMs, outcomes.IsBinary, outcomes.Calibration),
            drift.HistoryBetween,
            windows.Options.FineSpan,
            PageHinkleyOptions.Default);
        return Task.CompletedTask;
    }
}
