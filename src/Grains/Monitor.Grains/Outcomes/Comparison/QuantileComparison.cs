using Monitor.Statistics;

namespace Monitor.Grains.Outcomes.Comparison;

/// <summary>
/// A latency percentile of B against A. Each version's standard error comes from the spread of its
/// distribution-free confidence limits for the quantile (<see cref="VersionSampler.Bracket"/>); the
/// difference is tested with a z-test on the two independent errors, its 95% interval is the
/// difference ± 1.96 combined errors. When inconclusive, the sample needed at 80% power scales the
/// current sizes by ((z₀.₉₇₅ + z₀.₈)·SE / |difference|)².
/// </summary>
public static class QuantileComparison
{
    public const string Test = "quantile_z";

    private const double MinTailValues = 5;

    public static MetricComparison Compare(string metric, string betterWhen, QuantileBracket a, long countA, QuantileBracket b, long countB, bool exact)
    {
        if (countA < 2 || countB < 2 || double.IsNaN(a.Value) || double.IsNaN(b.Value))
        {
            return Verdicts.Insufficient(metric, betterWhen, Test, NullIfNaN(a.Value), NullIfNaN(b.Value), countA, countB, "a version has fewer than two values in the period");
        }

        // The error of a tail quantile rests on the values beyond it: with fewer than a handful its
        // confidence limits run off the sample and the error cannot be estimated.
        var tail = Math.Min(a.Q, 1 - a.Q);
        if (Math.Min(countA, countB) * tail < MinTailValues)
        {
            var least = (long)Math.Ceiling(MinTailValues / tail);
            return Verdicts.Insufficient(metric, betterWhen, Test, a.Value, b.Value, countA, countB, $"each version needs at least {least} values in the period to estimate the error of this percentile") with
            {
                SampleNeeded = Verdicts.Needed(least, countA, countB),
            };
        }

        var z = TwoProportionZTest.Z975;
        var seA = (a.Upper - a.Lower) / (2 * z);
        var seB = (b.Upper - b.Lower) / (2 * z);
        var se = Math.Sqrt((seA * seA) + (seB * seB));
        var difference = b.Value - a.Value;
        var p = se > 0 ? Math.Clamp(2 * StandardNormal.Sf(Math.Abs(difference) / se), 0, 1) : difference == 0 ? 1 : 0;
        var verdict = Verdicts.Of(difference, p, betterWhen);
        PowerEstimate? needed = null;
        if (verdict == Verdicts.NoSignificantDifference && difference != 0 && se > 0)
        {
            var zBeta = StandardNormal.Quantile(Verdicts.Power);
            var scale = Math.Pow((z + zBeta) * se / Math.Abs(difference), 2);
            var perVersion = (long)Math.Ceiling(Math.Max(countA, countB) * scale);
            needed = Verdicts.Needed(perVersion, countA, countB);
        }

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
            Ci95Lower = difference - (z * se),
            Ci95Upper = difference + (z * se),
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
