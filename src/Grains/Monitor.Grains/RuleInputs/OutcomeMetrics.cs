using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;

namespace Monitor.Grains.RuleInputs;

/// <summary>Realized and estimated performance, label and business figures of a version, for alert rules.</summary>
public sealed class OutcomeMetrics(Func<VersionOutcomes> outcomes) : IVersionMetrics
{
    public bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value)
    {
        value = default;
        if (!OutcomeMetricNames.All.Contains(query.Metric))
        {
            return false;
        }

        var source = outcomes();
        var aggregate = source.Aggregate(nowMs - (long)query.Window.TotalMilliseconds, nowMs + 1, nowMs);
        var o = aggregate.Outcomes;
        var regression = o.Regression;
        value = query.Metric switch
        {
            OutcomeMetricNames.Accuracy => Of(OutcomeFigures.Accuracy(o), o.Classified),
            OutcomeMetricNames.PrecisionMacro => Of(ClassScores.Of(o.Confusion).PrecisionMacro, o.Classified),
            OutcomeMetricNames.RecallMacro => Of(ClassScores.Of(o.Confusion).RecallMacro, o.Classified),
            OutcomeMetricNames.F1Macro => Of(ClassScores.Of(o.Confusion).F1Macro, o.Classified),
            OutcomeMetricNames.F1Weighted => Of(ClassScores.Of(o.Confusion).F1Weighted, o.Classified),
            OutcomeMetricNames.RocAuc => OutcomeFigures.Auc(o.Scores) is { } auc && source.Ledger.Classes.Count == 2
                ? new(auc.Auc, auc.Class0 + auc.Others)
                : new(double.NaN, 0),
            OutcomeMetricNames.Mae => Of(OutcomeFigures.Mae(regression), regression?.Count ?? 0),
            OutcomeMetricNames.Rmse => Of(OutcomeFigures.Rmse(regression), regression?.Count ?? 0),
            OutcomeMetricNames.Mape => Of(OutcomeFigures.Mape(regression), regression?.RelativeCount ?? 0),
            OutcomeMetricNames.EstimatedAccuracy => Estimated(source, aggregate),
            OutcomeMetricNames.EstimateContradicted => Contradicted(source, aggregate),
            OutcomeMetricNames.CalibrationError => Of(OutcomeFigures.CalibrationError(o.Calibration), o.Classified),
            OutcomeMetricNames.LabelCoverage => Of(OutcomeFigures.Coverage(aggregate), aggregate.Successes),
            OutcomeMetricNames.LabelDelayP50 => Of(OutcomeFigures.DelayP50(o.DelaySeconds), o.DelaySeconds?.Count ?? 0),
            OutcomeMetricNames.UnjoinedLabelShare => UnjoinedShare(o),
            OutcomeMetricNames.ClickThroughRate => Of(OutcomeFigures.Rate(aggregate, EventTally.ClickId), aggregate.Successes),
            OutcomeMetricNames.ConversionRate => Of(OutcomeFigures.Rate(aggregate, EventTally.ConversionId), aggregate.Successes),
            OutcomeMetricNames.RevenuePerPrediction => Of(OutcomeFigures.ValuePerPrediction(aggregate, EventTally.RevenueId), aggregate.Successes),
            OutcomeMetricNames.Revenue => new(o.Events?.ValueSum(EventTally.RevenueId) ?? 0, o.Events?.Counted(EventTally.RevenueId) ?? 0),
            _ => EventRate(source, aggregate, query.Feature),
        };
        return true;
    }

    private static VersionMetricValue Of(double? value, long samples) => new(value ?? double.NaN, samples);

    private static VersionMetricValue Estimated(VersionOutcomes source, OutcomeAggregate aggregate) =>
        PerformanceEstimator.Estimate(aggregate.Estimates, source.Calibration) is { } estimate
            ? new(estimate.Accuracy, estimate.Predictions)
            : new(double.NaN, 0);

    /// <summary>Whether the window's labels contradict its estimate, resting on the labels; NaN until enough labels.</summary>
    public static VersionMetricValue Contradicted(VersionOutcomes source, OutcomeAggregate aggregate)
    {
        if (source.Window.IsRegression || PerformanceEstimator.Estimate(aggregate.Estimates, source.Calibration) is not { } estimate)
        {
            return new(double.NaN, 0);
        }

        var verdict = EstimateJudgement.Judge(estimate, aggregate.Outcomes, source.Calibration);
        return new(verdict.Contradicted is { } c ? (c ? 1 : 0) : double.NaN, aggregate.Outcomes.Classified);
    }

    private static VersionMetricValue UnjoinedShare(OutcomeBucket o)
    {
        var unjoined = o.Late + o.UnknownIds;
        var all = unjoined + o.Joined + o.Duplicates + o.Unscorable;
        return new(all == 0 ? double.NaN : (double)unjoined / all, all);
    }

    private static VersionMetricValue EventRate(VersionOutcomes source, OutcomeAggregate aggregate, string? type)
    {
        var id = type is null ? -1 : source.Ledger.EventTypes.Find(type);
        return id < 0 ? new(aggregate.Successes == 0 ? double.NaN : 0, aggregate.Successes) : Of(OutcomeFigures.Rate(aggregate, id), aggregate.Successes);
    }
}
