using Monitor.Statistics.Comparison;

namespace Monitor.Statistics.Tests.Comparison;

/// <summary>The A/B statistics' mathematics against scipy on the shared location vectors.</summary>
public sealed class ComparisonStatisticsTests
{
    public static TheoryData<int> LocationCases() => [.. Enumerable.Range(0, StatVectors.Section("two_sample_location").GetArrayLength())];

    [Theory]
    [MemberData(nameof(LocationCases))]
    public void Welch_from_moments_and_its_interval_match_scipy(int i)
    {
        var c = StatVectors.Section("two_sample_location")[i];
        var expected = StatVectors.Section("welch_interval", StatVectors.Outcomes)[i];
        var (a, b) = (c.Doubles("a"), c.Doubles("b"));

        var welch = MeanDifference.Welch(a.Average(), Variance(a), a.Length, b.Average(), Variance(b), b.Length);

        StatVectors.Close(c.Number("welch_t"), welch.T, "t");
        StatVectors.Close(c.Number("welch_p"), welch.PValue, "p");
        StatVectors.Close(expected.Number("df"), welch.DegreesOfFreedom, "df");
        StatVectors.Close(expected.Number("difference"), welch.Difference, "difference");
        StatVectors.Close(expected.Number("ci_lower"), welch.Lower, "ci lower");
        StatVectors.Close(expected.Number("ci_upper"), welch.Upper, "ci upper");
    }

    [Theory]
    [MemberData(nameof(LocationCases))]
    public void Grouped_mann_whitney_matches_scipy(int i)
    {
        var c = StatVectors.Section("two_sample_location")[i];
        var (a, b) = (c.Doubles("a"), c.Doubles("b"));
        var (valuesA, countsA) = Grouped(a);
        var (valuesB, countsB) = Grouped(b);

        var u = GroupedMannWhitney.Compare(valuesA, countsA, valuesB, countsB);

        StatVectors.Close(c.Number("mannwhitney_u"), u.UOfA, "U");
        StatVectors.Close(c.Number("mannwhitney_p_asymptotic"), u.PValue, "p");
        Assert.Equal((a.Length * b.Length) - u.UOfA, u.UOfB);
        Assert.Equal(MannWhitneyUTest.TwoSided(a, b).PValue, u.PValue, 12);
    }

    [Fact]
    public void A_verdict_is_significant_only_below_alpha_and_better_in_the_metrics_direction()
    {
        Assert.Equal(Verdicts.Better, Verdicts.Of(-3, 0.01, Verdicts.Lower));
        Assert.Equal(Verdicts.Worse, Verdicts.Of(-3, 0.01, Verdicts.Higher));
        Assert.Equal(Verdicts.NoSignificantDifference, Verdicts.Of(-3, Verdicts.Alpha, Verdicts.Lower));
        Assert.Equal(Verdicts.InsufficientData, Verdicts.Of(double.NaN, 0.01, Verdicts.Lower));
        Assert.Null(Verdicts.Relative(0, 1));
        Assert.Equal(0.5, Verdicts.Relative(-2, 1));
    }

    [Fact]
    public void A_tail_quantile_needs_five_values_beyond_it_in_each_sample()
    {
        Assert.Equal(500, QuantileDifference.LeastForTail(0.99, 200, 10_000));
        Assert.Null(QuantileDifference.LeastForTail(0.99, 500, 500));
        var same = QuantileDifference.Test(10, 9, 11, 10, 9, 11);
        Assert.Equal((0.0, 1.0), (same.Difference, same.PValue));
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }

    private static (double[] Values, long[] Counts) Grouped(double[] values)
    {
        var groups = values.GroupBy(v => v).OrderBy(g => g.Key).ToArray();
        return ([.. groups.Select(g => g.Key)], [.. groups.Select(g => (long)g.Count())]);
    }
}
