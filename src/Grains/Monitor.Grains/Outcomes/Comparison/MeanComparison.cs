using Monitor.Statistics;
using Monitor.Statistics.Comparison;

namespace Monitor.Grains.Outcomes.Comparison;

/// <summary>
/// Means (latency, confidence, absolute error, revenue per prediction) of B against A from counts,
/// sums and sums of squares: Welch's t-test and its 95% interval of B − A (Welch-Satterthwaite
/// degrees of freedom), Cohen's d with the average of the two variances; optionally a Mann-Whitney U
/// test over grouped samples beside it. When inconclusive, the per-version sample that detects the
/// observed difference at 80% power.
/// </summary>
public static class MeanComparison
{
    public const string Test = "welch_t";

    public static MetricComparison Compare(string metric, string betterWhen, Moments a, Moments b, GroupedSample? groupsA = null, GroupedSample? groupsB = null)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return MetricComparisons.Insufficient(metric, betterWhen, Test, NullIfNaN(a.Mean), NullIfNaN(b.Mean), a.Count, b.Count, "a version has fewer than two values in the period");
        }

        var welch = Welch(a, b);
        var verdict = Verdicts.Of(welch.Difference, welch.PValue, betterWhen);
        var pooledSd = Math.Sqrt((a.Variance + b.Variance) / 2);
        SecondaryTest? secondary = null;
        string? note = null;
        if (groupsA is not null && groupsB is not null && groupsA.Total > 0 && groupsB.Total > 0)
        {
            var u = GroupedMannWhitney.Compare(groupsA.Values, groupsA.Counts, groupsB.Values, groupsB.Counts);
            secondary = new SecondaryTest
            {
                Test = "mann_whitney_u",
                Statistic = u.UOfB,
                PValue = u.PValue,
                EffectSize = new EffectSize("probability_b_greater", u.ProbabilityBGreater),
            };
            if (!groupsA.Exact || !groupsB.Exact)
            {
                note = "Mann-Whitney U over sketch bins: values within 1% of each other count as ties";
            }
        }

        return new MetricComparison
        {
            Metric = metric,
            BetterWhen = betterWhen,
            A = a.Mean,
            B = b.Mean,
            SamplesA = a.Count,
            SamplesB = b.Count,
            Difference = welch.Difference,
            RelativeDifference = Verdicts.Relative(a.Mean, welch.Difference),
            Ci95Lower = welch.Lower,
            Ci95Upper = welch.Upper,
            PValue = welch.PValue,
            Test = Test,
            EffectSize = pooledSd > 0 ? new EffectSize("cohens_d", welch.Difference / pooledSd) : null,
            Secondary = secondary,
            Verdict = verdict,
            SampleNeeded = verdict == Verdicts.NoSignificantDifference && welch.Difference != 0 && pooledSd > 0
                ? MetricComparisons.Needed(SampleSize.ForMeans(welch.Difference, pooledSd, Verdicts.Alpha, Verdicts.Power), a.Count, b.Count)
                : null,
            Note = note,
        };
    }

    /// <summary>Welch's test of B − A from moments: the difference, its 95% interval, t (for A − B, as scipy orders it), degrees of freedom and p.</summary>
    public static WelchDifference Welch(Moments a, Moments b) => MeanDifference.Welch(a.Mean, a.Variance, a.Count, b.Mean, b.Variance, b.Count);

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
