using Monitor.Statistics;
using Monitor.Statistics.Comparison;

namespace Monitor.Grains.Outcomes.Comparison;

/// <summary>
/// Rates (success, accuracy, click-through, conversion) of B against A: the two-proportion z-test
/// (pooled standard error for the p-value, unpooled for the 95% interval of B − A), Cohen's h as the
/// effect size, and when inconclusive the per-version sample that detects the observed difference
/// at 80% power.
/// </summary>
public static class ProportionComparison
{
    public const string Test = "two_proportion_z";

    public static MetricComparison Compare(string metric, string betterWhen, long successesA, long trialsA, long successesB, long trialsB)
    {
        if (trialsA == 0 || trialsB == 0)
        {
            return MetricComparisons.Insufficient(
                metric, betterWhen, Test, Rate(successesA, trialsA), Rate(successesB, trialsB), trialsA, trialsB, "a version has no trials in the period");
        }

        // Events without a prediction id are not de-duplicated; a rate above 1 is capped for the test.
        var note = successesA > trialsA || successesB > trialsB ? "more events than predictions; counted as one per prediction for the test" : null;
        var result = TwoProportionZTest.Compare(Math.Min(successesA, trialsA), trialsA, Math.Min(successesB, trialsB), trialsB);
        var verdict = Verdicts.Of(result.Difference, result.PValue, betterWhen);
        return new MetricComparison
        {
            Metric = metric,
            BetterWhen = betterWhen,
            A = result.RateA,
            B = result.RateB,
            SamplesA = trialsA,
            SamplesB = trialsB,
            Difference = result.Difference,
            RelativeDifference = Verdicts.Relative(result.RateA, result.Difference),
            Ci95Lower = result.DifferenceLower95,
            Ci95Upper = result.DifferenceUpper95,
            PValue = result.PValue,
            Test = Test,
            EffectSize = new EffectSize("cohens_h", result.CohensH),
            Verdict = verdict,
            SampleNeeded = verdict == Verdicts.NoSignificantDifference ? Needed(result.RateA, result.RateB, trialsA, trialsB) : null,
            Note = note,
        };
    }

    private static PowerEstimate? Needed(double rateA, double rateB, long trialsA, long trialsB)
    {
        if (!(rateA > 0 && rateA < 1 && rateB > 0 && rateB < 1) || rateA == rateB)
        {
            return null;
        }

        return MetricComparisons.Needed(SampleSize.ForProportions(rateA, rateB, Verdicts.Alpha, Verdicts.Power), trialsA, trialsB);
    }

    private static double? Rate(long successes, long trials) => trials == 0 ? null : (double)successes / trials;
}
