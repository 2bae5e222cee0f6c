using Monitor.Statistics.Comparison;

namespace Monitor.Grains.Outcomes.Comparison;

/// <summary>
/// A latency percentile of B against A (<see cref="QuantileDifference"/>), each version's confidence limits
/// for the quantile from <see cref="VersionSampler.Bracket"/>. When inconclusive, the sample needed at 80% power.
/// </summary>
public static class QuantileComparison
{
    public const string Test = "quantile_z";

    public static MetricComparison Compare(string metric, string betterWhen, QuantileBracket a, long countA, QuantileBracket b, long countB, bool exact)
    {
        if (countA < 2 || countB < 2 || double.IsNaN(a.Value) || double.IsNaN(b.Value))
        {
            return MetricComparisons.Insufficient(metric, betterWhen, Test, NullIfNaN(a.Value), NullIfNaN(b.Value), countA, countB, "a version has fewer than two values in the period");
        }

        // The error of a tail quantile rests on the values beyond it: with fewer than a handful its
        // confidence limits run off the sample and the error cannot be estimated.
        if (QuantileDifference.LeastForTail(a.Q, countA, countB) is { } least)
        {
            return MetricComparisons.Insufficient(metric, betterWhen, Test, a.Value, b.Value, countA, countB, $"each version needs at least {least} values in the period to estimate the error of this percentile") with
            {
                SampleNeeded = MetricComparisons.Needed(least, countA, countB),
            };
        }

        var result = QuantileDifference.Test(a.Value, a.Lower, a.Upper, b.Value, b.Lower, b.Upper);
        var (difference, p) = (result.Difference, result.PValue);
        var verdict = Verdicts.Of(difference, p, betterWhen);
        var needed = verdict == Verdicts.NoSignificantDifference && difference != 0 && result.StandardError > 0
            ? MetricComparisons.Needed(QuantileDifference.SampleForPower(result, countA, countB), countA, countB)
            : null;

        return new MetricComparison
        {
            Metric = metric,
            BetterWhen = betterWhen,
            A = a.Value,
            B = b.Value,
            SamplesA = countA,
            SamplesB = countB,
            Difference = difference,
            RelativeDifference = Verdicts.Relative(a.Value, difference),
            Ci95Lower = result.Lower,
            Ci95Upper = result.Upper,
            PValue = p,
            Test = Test,
            EffectSize = new EffectSize("relative_difference", Verdicts.Relative(a.Value, difference) ?? double.NaN),
            Verdict = verdict,
            SampleNeeded = needed,
            Note = exact ? null : "percentiles from the latency sketch (within 0.5%)",
        };
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
