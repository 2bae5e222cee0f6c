using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Comparison;
using Monitor.Statistics;
using Monitor.Statistics.Comparison;

namespace Monitor.Grains.Tests.Outcomes;

/// <summary>The A/B comparisons of version samples against scipy (outcome_vectors.json); their mathematics is tested in Monitor.Statistics.Tests.</summary>
public sealed class ComparisonStatisticsTests
{
    public static TheoryData<int> ProportionCases() => [.. Enumerable.Range(0, StatVectors.Section("two_proportion", StatVectors.Outcomes).GetArrayLength())];

    public static TheoryData<int> TieCases() => [.. Enumerable.Range(0, StatVectors.Section("mann_whitney_ties", StatVectors.Outcomes).GetArrayLength())];

    [Theory]
    [MemberData(nameof(TieCases))]
    public void Revenue_with_mostly_zeros_matches_scipy_on_the_expanded_samples(int i)
    {
        var c = StatVectors.Section("mann_whitney_ties", StatVectors.Outcomes)[i];
        var (zerosA, zerosB) = (c.GetProperty("zeros_a").GetInt64(), c.GetProperty("zeros_b").GetInt64());
        var (valuesA, valuesB) = (c.Doubles("values_a").Order().ToList(), c.Doubles("values_b").Order().ToList());

        var (groupsA, groupsB) = (VersionSampler.Group(valuesA, zerosA), VersionSampler.Group(valuesB, zerosB));
        var u = GroupedMannWhitney.Compare(groupsA.Values, groupsA.Counts, groupsB.Values, groupsB.Counts);
        StatVectors.Close(c.Number("u"), u.UOfA, "U");
        StatVectors.Close(c.Number("p"), u.PValue, "p");

        var revenueA = new Moments(zerosA + valuesA.Count, valuesA.Sum(), valuesA.Sum(v => v * v));
        var revenueB = new Moments(zerosB + valuesB.Count, valuesB.Sum(), valuesB.Sum(v => v * v));
        var welch = MeanComparison.Welch(revenueA, revenueB);
        StatVectors.Close(c.Number("welch_t"), welch.T, "welch t");
        StatVectors.Close(c.Number("welch_p"), welch.PValue, "welch p");
    }

    [Theory]
    [MemberData(nameof(ProportionCases))]
    public void Two_proportion_comparison_matches_scipy(int i)
    {
        var c = StatVectors.Section("two_proportion", StatVectors.Outcomes)[i];
        var result = ProportionComparison.Compare(
            "conversion_rate", Verdicts.Higher,
            c.GetProperty("successes_a").GetInt64(), c.GetProperty("trials_a").GetInt64(),
            c.GetProperty("successes_b").GetInt64(), c.GetProperty("trials_b").GetInt64());

        StatVectors.Close(c.Number("p"), result.PValue!.Value, "p");
        StatVectors.Close(c.Number("ci_lower"), result.Ci95Lower!.Value, "ci lower");
        StatVectors.Close(c.Number("ci_upper"), result.Ci95Upper!.Value, "ci upper");
        StatVectors.Close(c.Number("cohens_h"), result.EffectSize!.Value, "h");
        var significant = c.Number("p") < 0.05;
        var higher = c.Number("ci_lower") + c.Number("ci_upper") > 0;
        Assert.Equal(significant ? (higher ? Verdicts.Better : Verdicts.Worse) : Verdicts.NoSignificantDifference, result.Verdict);
        Assert.Equal(!significant, result.SampleNeeded is not null);
    }

    [Fact]
    public void Sample_needed_at_80_percent_power_matches_the_normal_approximation()
    {
        foreach (var c in StatVectors.Section("sample_size_proportions", StatVectors.Outcomes).EnumerateArray())
        {
            Assert.Equal(c.GetProperty("n").GetInt64(), SampleSize.ForProportions(c.Number("p1"), c.Number("p2")));
        }

        // 10% against 12% on 1,000 each is inconclusive; the answer says how many more each version needs.
        var inconclusive = ProportionComparison.Compare("conversion_rate", Verdicts.Higher, 100, 1000, 120, 1000);
        Assert.Equal(Verdicts.NoSignificantDifference, inconclusive.Verdict);
        var needed = SampleSize.ForProportions(0.10, 0.12);
        Assert.Equal(needed, inconclusive.SampleNeeded!.PerVersion);
        Assert.Equal(needed - 1000, inconclusive.SampleNeeded.AdditionalA);
    }

    [Fact]
    public void Latency_percentiles_with_order_statistic_errors_match_the_reference()
    {
        var data = StatVectors.Section("latency_quantiles", StatVectors.Outcomes);
        var a = data.Doubles("a").Order().ToArray();
        var b = data.Doubles("b").Order().ToArray();
        foreach (var c in data.GetProperty("cases").EnumerateArray())
        {
            var q = c.Number("q");
            var bracketA = VersionSampler.Bracket(q, a.Length, p => LinearQuantile.OfSorted(a, p));
            var bracketB = VersionSampler.Bracket(q, b.Length, p => LinearQuantile.OfSorted(b, p));
            StatVectors.Close(c.Number("a_lower"), bracketA.Lower, $"p{q} a lower");
            StatVectors.Close(c.Number("b_upper"), bracketB.Upper, $"p{q} b upper");

            var result = QuantileComparison.Compare($"latency_p{q}", Verdicts.Lower, bracketA, a.Length, bracketB, b.Length, exact: true);
            StatVectors.Close(c.Number("difference"), result.Difference!.Value, $"p{q} difference");
            StatVectors.Close(c.Number("ci_lower"), result.Ci95Lower!.Value, $"p{q} ci lower");
            StatVectors.Close(c.Number("ci_upper"), result.Ci95Upper!.Value, $"p{q} ci upper");
            StatVectors.Close(c.Number("p"), result.PValue!.Value, $"p{q} p-value");
        }
    }

    [Fact]
    public void Percentile_tests_hold_their_level_when_nothing_differs()
    {
        // 400 A/A comparisons of gamma latencies: about 5% should come out significant.
        var random = new Random(7);
        var rejected = new Dictionary<double, int> { [0.5] = 0, [0.95] = 0 };
        for (var run = 0; run < 400; run++)
        {
            var a = Gamma(random, 1000);
            var b = Gamma(random, 1000);
            foreach (var q in rejected.Keys)
            {
                var result = QuantileComparison.Compare("p", Verdicts.Lower,
                    VersionSampler.Bracket(q, a.Length, p => LinearQuantile.OfSorted(a, p)), a.Length,
                    VersionSampler.Bracket(q, b.Length, p => LinearQuantile.OfSorted(b, p)), b.Length, exact: true);
                rejected[q] += result.PValue < 0.05 ? 1 : 0;
            }
        }

        Assert.InRange(rejected[0.5], 8, 36);
        Assert.InRange(rejected[0.95], 8, 36);
    }

    [Fact]
    public void Verdicts_follow_the_better_direction_of_each_metric()
    {
        var slow = new Moments(1000, 1000 * 30.0, (1000 * 30.0 * 30.0) + (999 * 25));
        var fast = new Moments(1000, 1000 * 20.0, (1000 * 20.0 * 20.0) + (999 * 25));
        Assert.Equal(Verdicts.Worse, MeanComparison.Compare("latency_mean_ms", Verdicts.Lower, fast, slow).Verdict);
        Assert.Equal(Verdicts.Better, MeanComparison.Compare("latency_mean_ms", Verdicts.Lower, slow, fast).Verdict);
        Assert.Equal(Verdicts.Better, MeanComparison.Compare("revenue_per_prediction", Verdicts.Higher, fast, slow).Verdict);
        Assert.Equal(Verdicts.Better, ProportionComparison.Compare("accuracy", Verdicts.Higher, 800, 1000, 900, 1000).Verdict);
        Assert.Equal(Verdicts.InsufficientData, ProportionComparison.Compare("accuracy", Verdicts.Higher, 0, 0, 900, 1000).Verdict);
        Assert.Equal(Verdicts.InsufficientData, MeanComparison.Compare("mae", Verdicts.Lower, new Moments(1, 2, 4), fast).Verdict);
    }

    [Fact]
    public void A_tail_percentile_with_too_few_values_beyond_it_is_insufficient()
    {
        var values = Enumerable.Range(1, 200).Select(i => (double)i).ToArray();
        var bracket = VersionSampler.Bracket(0.99, values.Length, p => LinearQuantile.OfSorted(values, p));

        var result = QuantileComparison.Compare("latency_p99_ms", Verdicts.Lower, bracket, 200, bracket, 200, exact: true);

        Assert.Equal(Verdicts.InsufficientData, result.Verdict);
        Assert.Equal(500, result.SampleNeeded!.PerVersion);
    }

    private static double[] Gamma(Random random, int n)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = -15 * (Math.Log(1 - random.NextDouble()) + Math.Log(1 - random.NextDouble()));
        }

        Array.Sort(values);
        return values;
    }
}
