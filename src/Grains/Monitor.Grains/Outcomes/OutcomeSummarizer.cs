using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Outcomes;

/// <summary>Turns a version's outcomes over a period into the summary's outcome section.</summary>
public static class OutcomeSummarizer
{
    public static OutcomeSummary? Summarize(VersionOutcomes outcomes, long fromMs, long toMs, long nowMs) =>
        !outcomes.Ledger.HasOutcomes && outcomes.Calibration is null ? null : Summarize(outcomes, outcomes.Aggregate(fromMs, toMs, nowMs));

    /// <summary>The outcome section of figures already merged (a review's period from the hourly history).</summary>
    public static OutcomeSummary? Summarize(VersionOutcomes outcomes, OutcomeAggregate aggregate)
    {
        var ledger = outcomes.Ledger;
        if (!ledger.HasOutcomes && outcomes.Calibration is null)
        {
            return null;
        }

        // With a labelled reference the calibrated estimate is worth reading before the first label arrives.
        if (!ledger.HasOutcomes && (outcomes.Window.IsRegression || aggregate.Estimates.Count == 0))
        {
            return null;
        }

        var o = aggregate.Outcomes;
        var index = outcomes.Index;
        return new OutcomeSummary
        {
            Labels = new LabelSummary
            {
                Joined = o.Joined,
                Duplicate = o.Duplicates,
                Late = o.Late,
                UnknownId = o.UnknownIds,
                Unscorable = o.Unscorable,
                PendingNow = ledger.Pending.Count,
                Predictions = aggregate.Successes,
                LabeledPredictions = aggregate.LabeledPredictions,
                Coverage = OutcomeFigures.Coverage(aggregate),
                DelaySeconds = Delay(o.DelaySeconds),
            },
            Classification = o.Classified == 0 ? null : Classification(o, ledger.Classes),
            Regression = Regression(o.Regression),
            Estimated = outcomes.Window.IsRegression ? null : Estimated(aggregate, outcomes.Calibration),
            Business = Business(aggregate, ledger.EventTypes),
            Index = new JoinIndexSummary
            {
                Held = index.Count,
                Capacity = index.Capacity,
                HorizonHours = index.Horizon.TotalHours,
                EvictedByCap = index.EvictedByCap,
                EvictedByHorizon = index.EvictedByHorizon,
                EvictedByBudget = index.EvictedByBudget,
                ReplacedIds = index.ReplacedIds,
                PendingLabels = ledger.Pending.Count,
                LabelsSinceStart = ledger.Labels.ToCounts(ledger.Pending.Count),
            },
        };
    }

    public static ClassificationPerformance Classification(OutcomeBucket o, ClassVocabulary classes)
    {
        var scores = ClassScores.Of(o.Confusion);
        var ids = scores.Classes.Select(c => c.ClassId).ToArray();
        var matrix = new List<IReadOnlyList<long>>(ids.Length);
        foreach (var actual in ids)
        {
            matrix.Add([.. ids.Select(predicted => o.Confusion![actual, predicted])]);
        }

        return new ClassificationPerformance
        {
            Count = o.Classified,
            Correct = o.Correct,
            Accuracy = OutcomeFigures.Accuracy(o),
            PrecisionMacro = scores.PrecisionMacro,
            RecallMacro = scores.RecallMacro,
            F1Macro = scores.F1Macro,
            PrecisionWeighted = scores.PrecisionWeighted,
            RecallWeighted = scores.RecallWeighted,
            F1Weighted = scores.F1Weighted,
            Classes =
            [
                .. scores.Classes.Select(c => new ClassPerformance
                {
                    Class = classes.NameOf(c.ClassId),
                    Precision = c.Precision,
                    Recall = c.Recall,
                    F1 = c.F1,
                    Support = c.Support,
                    Predicted = c.Predicted,
                }),
            ],
            ConfusionMatrix = new ConfusionMatrix { Classes = [.. ids.Select(classes.NameOf)], Counts = matrix },
            RocAuc = Auc(o.Scores, classes),
        };
    }

    private static RocAuc? Auc(ScoreHistogram? scores, ClassVocabulary classes)
    {
        if (classes.Count != 2 || OutcomeFigures.Auc(scores) is not { } auc)
        {
            return null;
        }

        // The AUC is the same whichever class is positive; name the one that sorts last ("1", "true", "yes").
        var (first, second) = (classes.NameOf(0), classes.NameOf(1));
        var positiveIsClass0 = string.CompareOrdinal(first, second) > 0;
        return new RocAuc
        {
            Value = auc.Auc,
            MaxError = auc.MaxError,
            PositiveClass = positiveIsClass0 ? first : second,
            Positives = positiveIsClass0 ? auc.Class0 : auc.Others,
            Negatives = positiveIsClass0 ? auc.Others : auc.Class0,
        };
    }

    public static RegressionPerformance? Regression(RegressionErrors? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return null;
        }

        return new RegressionPerformance
        {
            Count = errors.Count,
            Mae = errors.AbsoluteSum / errors.Count,
            Rmse = Math.Sqrt(errors.SquaredSum / errors.Count),
            Mape = OutcomeFigures.Mape(errors),
            MapeCount = errors.RelativeCount,
            MeanError = errors.Sum / errors.Count,
        };
    }

    private static EstimatedPerformance? Estimated(OutcomeAggregate aggregate, ReferenceCalibration? reference)
    {
        var estimate = PerformanceEstimator.Estimate(aggregate.Estimates, reference);
        if (estimate is null && aggregate.Outcomes.Classified == 0)
        {
            return null;
        }

        var o = aggregate.Outcomes;
        var bins = new List<CalibrationBin>();
        double? ofLabeled = null;
        if (o.Calibration is { } calibration)
        {
            long count = 0;
            double confidence = 0;
            for (var b = 0; b < CalibrationBins.BinCount; b++)
            {
                var n = calibration.Counts[b];
                count += n;
                confidence += calibration.ConfidenceSums[b];
                if (n > 0)
                {
                    bins.Add(new CalibrationBin
                    {
                        Lower = ConfidenceHistogram.LowerBound(b),
                        Upper = ConfidenceHistogram.LowerBound(b + 1),
                        Count = n,
                        MeanConfidence = calibration.ConfidenceSums[b] / n,
                        Accuracy = (double)calibration.CorrectCounts[b] / n,
                    });
                }
            }

            ofLabeled = count == 0 ? null : confidence / count;
        }

        var verdict = estimate is null ? null : EstimateJudgement.Judge(estimate, o, reference);
        return new EstimatedPerformance
        {
            Method = "cbpe",
            Predictions = estimate?.Predictions ?? 0,
            Accuracy = estimate?.Accuracy,
            RealizedAccuracy = OutcomeFigures.Accuracy(o),
            AccuracyOfLabeled = ofLabeled,
            CalibrationError = OutcomeFigures.CalibrationError(o.Calibration),
            Calibration = bins,
            Uncalibrated = reference is null,
            CalibrationRows = reference?.Rows,
            PrecisionMacro = estimate?.PrecisionMacro,
            RecallMacro = estimate?.RecallMacro,
            F1Macro = estimate?.F1Macro,
            Metrics = verdict?.Metrics ?? [],
            EstimateContradicted = verdict?.Contradicted,
            BandSize = verdict?.BandSize ?? 0,
            BandMethod = verdict?.BandMethod,
            Note = verdict?.Note ?? "no successful prediction with a class and a confidence in the period",
        };
    }

    private static BusinessSummary Business(OutcomeAggregate aggregate, ClassVocabulary eventTypes)
    {
        var events = aggregate.Outcomes.Events;
        var types = new List<EventTypeSummary>();
        for (var t = 0; t < eventTypes.Count; t++)
        {
            var counted = events?.Counted(t) ?? 0;
            var duplicates = events?.Duplicates(t) ?? 0;
            if (t > EventTally.RevenueId && counted == 0 && duplicates == 0)
            {
                continue;
            }

            types.Add(new EventTypeSummary
            {
                Type = eventTypes.NameOf(t),
                Events = counted,
                Duplicates = duplicates,
                Matched = events?.Matched(t) ?? 0,
                Rate = OutcomeFigures.Rate(aggregate, t),
                ValueSum = events?.ValueSum(t) ?? 0,
                ValuePerPrediction = OutcomeFigures.ValuePerPrediction(aggregate, t),
            });
        }

        return new BusinessSummary
        {
            Predictions = aggregate.Successes,
            ClickThroughRate = OutcomeFigures.Rate(aggregate, EventTally.ClickId),
            ConversionRate = OutcomeFigures.Rate(aggregate, EventTally.ConversionId),
            RevenuePerPrediction = OutcomeFigures.ValuePerPrediction(aggregate, EventTally.RevenueId),
            RevenueTotal = events?.ValueSum(EventTally.RevenueId) ?? 0,
            Types = types,
        };
    }

    private static DelaySummary? Delay(QuantileSketch? delay)
    {
        if (delay is null || delay.Count == 0)
        {
            return null;
        }

        return new DelaySummary
        {
            Mean = delay.Mean,
            P50 = delay.Quantile(0.5),
            P95 = delay.Quantile(0.95),
            Max = delay.Max,
            RelativeError = QuantileSketch.RelativeAccuracy,
        };
    }
}
