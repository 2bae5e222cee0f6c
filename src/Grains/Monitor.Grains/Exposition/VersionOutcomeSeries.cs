using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Prometheus;

namespace Monitor.Grains.Exposition;

/// <summary>
/// One version's outcome series. Counters advance by what the version's totals gained since the last
/// refresh, so they never count twice across deactivations in the same process; each is exported at 0
/// from the version's activation (every label outcome, eviction reason and known event type), so
/// Prometheus's <c>rate()</c> sees the first increase. Gauges are set from the metrics window and removed
/// when the version deactivates, so none goes stale.
/// </summary>
public sealed class VersionOutcomeSeries
{
    private static readonly Gauge[] WindowGauges =
    [
        OutcomeExposition.Accuracy, OutcomeExposition.PrecisionMacro, OutcomeExposition.RecallMacro, OutcomeExposition.F1Macro,
        OutcomeExposition.F1Weighted, OutcomeExposition.RocAuc, OutcomeExposition.EstimatedAccuracy, OutcomeExposition.EstimateContradicted,
        OutcomeExposition.CalibrationError, OutcomeExposition.LabelCoverage, OutcomeExposition.LabelDelay, OutcomeExposition.Mae,
        OutcomeExposition.Rmse, OutcomeExposition.Mape, OutcomeExposition.ClickThrough, OutcomeExposition.Conversion,
        OutcomeExposition.RevenuePerPrediction, OutcomeExposition.Revenue, OutcomeExposition.IndexEntries, OutcomeExposition.PendingLabels,
    ];

    private readonly string _model;
    private readonly string _version;
    private long[] _labels;
    private long[] _events = [];
    private long[] _duplicates = [];
    private long _evictedByCap;
    private long _evictedByHorizon;
    private long _evictedByBudget;
    private bool _exported;
    private int _eventTypesPublished;

    public VersionOutcomeSeries(string model, string version, VersionOutcomes outcomes)
    {
        _model = model;
        _version = version;
        _labels = LabelTotals(outcomes.Ledger.Labels);
        _events = (long[])outcomes.Ledger.EventsByType.Clone();
        _duplicates = (long[])outcomes.Ledger.DuplicatesByType.Clone();
        _evictedByCap = outcomes.Index.EvictedByCap;
        _evictedByHorizon = outcomes.Index.EvictedByHorizon;
        _evictedByBudget = outcomes.Index.EvictedByBudget;
        foreach (var outcome in LabelOutcomes)
        {
            OutcomeExposition.Labels.WithLabels(model, version, outcome);
        }

        OutcomeExposition.Evictions.WithLabels(model, version, "cap");
        OutcomeExposition.Evictions.WithLabels(model, version, "horizon");
        OutcomeExposition.Evictions.WithLabels(model, version, "budget");
        PublishEventTypes(outcomes.Ledger.EventTypes);
    }

    private static readonly string[] LabelOutcomes = ["joined", "duplicate", "late", "unknown_id", "unscorable"];

    public void Refresh(VersionOutcomes outcomes, TimeSpan window, long nowMs)
    {
        var ledger = outcomes.Ledger;
        var index = outcomes.Index;
        var labels = LabelTotals(ledger.Labels);
        for (var i = 0; i < labels.Length; i++)
        {
            Advance(OutcomeExposition.Labels, labels[i] - _labels[i], _model, _version, LabelOutcomes[i]);
        }

        _labels = labels;
        for (var t = 0; t < ledger.EventsByType.Length; t++)
        {
            var type = ledger.EventTypes.NameOf(t);
            Advance(OutcomeExposition.Events, ledger.EventsByType[t] - At(_events, t), _model, _version, type, "counted");
            Advance(OutcomeExposition.Events, ledger.DuplicatesByType[t] - At(_duplicates, t), _model, _version, type, "duplicate");
        }

        _events = (long[])ledger.EventsByType.Clone();
        _duplicates = (long[])ledger.DuplicatesByType.Clone();
        PublishEventTypes(ledger.EventTypes);
        Advance(OutcomeExposition.Evictions, index.EvictedByCap - _evictedByCap, _model, _version, "cap");
        Advance(OutcomeExposition.Evictions, index.EvictedByHorizon - _evictedByHorizon, _model, _version, "horizon");
        _evictedByCap = index.EvictedByCap;
        _evictedByHorizon = index.EvictedByHorizon;
        Advance(OutcomeExposition.Evictions, index.EvictedByBudget - _evictedByBudget, _model, _version, "budget");
        _evictedByBudget = index.EvictedByBudget;

        if (!ledger.HasOutcomes && outcomes.Calibration is null && !_exported)
        {
            return;
        }

        _exported = true;
        var aggregate = outcomes.Aggregate(nowMs - (long)window.TotalMilliseconds, nowMs + 1, nowMs);
        var o = aggregate.Outcomes;
        Set(OutcomeExposition.IndexEntries, index.Count);
        Set(OutcomeExposition.PendingLabels, ledger.Pending.Count);
        Set(OutcomeExposition.Accuracy, OutcomeFigures.Accuracy(o));
        var scores = ClassScores.Of(o.Confusion);
        Set(OutcomeExposition.PrecisionMacro, scores.PrecisionMacro);
        Set(OutcomeExposition.RecallMacro, scores.RecallMacro);
        Set(OutcomeExposition.F1Macro, scores.F1Macro);
        Set(OutcomeExposition.F1Weighted, scores.F1Weighted);
        Set(OutcomeExposition.RocAuc, ledger.Classes.Count == 2 && OutcomeFigures.Auc(o.Scores) is { } auc ? auc.Auc : null);
        Set(OutcomeExposition.EstimatedAccuracy, outcomes.Window.IsRegression ? null : OutcomeFigures.EstimatedAccuracy(aggregate, outcomes.Calibration));
        Set(OutcomeExposition.EstimateContradicted, RuleInputs.OutcomeMetrics.Contradicted(outcomes, aggregate).Value);
        Set(OutcomeExposition.CalibrationError, OutcomeFigures.CalibrationError(o.Calibration));
        Set(OutcomeExposition.LabelCoverage, OutcomeFigures.Coverage(aggregate));
        Set(OutcomeExposition.LabelDelay, OutcomeFigures.DelayP50(o.DelaySeconds));
        Set(OutcomeExposition.Mae, OutcomeFigures.Mae(o.Regression));
        Set(OutcomeExposition.Rmse, OutcomeFigures.Rmse(o.Regression));
        Set(OutcomeExposition.Mape, OutcomeFigures.Mape(o.Regression));
        Set(OutcomeExposition.ClickThrough, OutcomeFigures.Rate(aggregate, EventTally.ClickId));
        Set(OutcomeExposition.Conversion, OutcomeFigures.Rate(aggregate, EventTally.ConversionId));
        Set(OutcomeExposition.RevenuePerPrediction, OutcomeFigures.ValuePerPrediction(aggregate, EventTally.RevenueId));
        Set(OutcomeExposition.Revenue, o.Events?.ValueSum(EventTally.RevenueId) ?? 0);
    }

    /// <summary>Takes the version's gauges out of the exposition (its counters stay: they are totals).</summary>
    public void Remove()
    {
        if (!_exported)
        {
            return;
        }

        foreach (var gauge in WindowGauges)
        {
            gauge.RemoveLabelled(_model, _version);
        }

        _exported = false;
    }

    // Types are a bounded vocabulary (the built-in ones, then custom ones up to a cap): each at 0 once known.
    private void PublishEventTypes(ClassVocabulary types)
    {
        for (var t = _eventTypesPublished; t < types.Count; t++)
        {
            OutcomeExposition.Events.WithLabels(_model, _version, types.NameOf(t), "counted");
            OutcomeExposition.Events.WithLabels(_model, _version, types.NameOf(t), "duplicate");
        }

        _eventTypesPublished = Math.Max(_eventTypesPublished, types.Count);
    }

    private void Set(Gauge gauge, double? value) => gauge.WithLabels(_model, _version).Set(value ?? double.NaN);

    private static void Advance(Counter counter, long by, params string[] labels)
    {
        if (by > 0)
        {
            counter.WithLabels(labels).Inc(by);
        }
    }

    private static long At(long[] values, int i) => i < values.Length ? values[i] : 0;

    private static long[] LabelTotals(JoinTotals totals) => [totals.Joined, totals.Duplicate, totals.Late, totals.UnknownId, totals.Unscorable];
}
