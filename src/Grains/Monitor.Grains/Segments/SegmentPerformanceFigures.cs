using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;

namespace Monitor.Grains.Segments;

/// <summary>A segment's realized and estimated performance from its merged buckets, by the version's rules.</summary>
public static class SegmentPerformanceFigures
{
    /// <summary>Null when the version has no labels yet and nothing to estimate.</summary>
    public static SegmentPerformance? Of(SegmentBucket total, VersionOutcomes? outcomes)
    {
        if (outcomes is null)
        {
            return null;
        }

        var o = total.Outcomes ?? new OutcomeBucket();
        var estimate = outcomes.Window.IsRegression ? null : PerformanceEstimator.Estimate(total.Estimates, outcomes.Calibration);
        if (!outcomes.Ledger.HasOutcomes && estimate is null)
        {
            return null;
        }

        return new SegmentPerformance
        {
            Labels = o.Joined,
            Classification = o.Classified == 0 ? null : OutcomeSummarizer.Classification(o, outcomes.Ledger.Classes),
            Regression = OutcomeSummarizer.Regression(o.Regression),
            Estimated = estimate is null ? null : new SegmentEstimate
            {
                Predictions = estimate.Predictions,
                Accuracy = estimate.Accuracy,
                PrecisionMacro = estimate.PrecisionMacro,
                RecallMacro = estimate.RecallMacro,
                F1Macro = estimate.F1Macro,
                Uncalibrated = !estimate.Calibrated,
            },
        };
    }
}
