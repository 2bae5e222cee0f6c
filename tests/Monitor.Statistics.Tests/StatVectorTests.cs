using System.Text.Json;
using Monitor.Statistics;

namespace Monitor.Statistics.Tests;

/// <summary>Every case of the shared scipy/numpy vectors (and of the extra vectors generated the same way) must match.</summary>
public sealed class StatVectorTests
{
    public static IEnumerable<object[]> KsCases() => AllFiles("ks_2samp_two_sided");
    public static IEnumerable<object[]> QuantileCases() => AllFiles("quantiles_linear");
    public static IEnumerable<object[]> WassersteinCases() => AllFiles("wasserstein_distance");
    public static IEnumerable<object[]> ChiSquareCases() => AllFiles("chi2_contingency_no_correction");
    public static IEnumerable<object[]> JensenShannonCases() => AllFiles("jensenshannon");
    public static IEnumerable<object[]> LocationCases() => AllFiles("two_sample_location");
    public static IEnumerable<object[]> CramerVonMisesCases() => AllFiles("cramervonmises_2samp_auto");

    private static IEnumerable<object[]> AllFiles(string section)
    {
        foreach (string file in new[] { "stat_vectors.json", "stat_vectors_extra.json" })
        {
            if (File.Exists(Path.Combine(AppContext.BaseDirectory, "TestData", file)))
            {
                foreach (object[] c in StatVectors.Cases(section, file))
                {
                    yield return c;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KsCases))]
    public void KolmogorovSmirnovMatchesScipy(string file, int index)
    {
        JsonElement c = StatVectors.Case(file, "ks_2samp_two_sided", index);
        var method = c.GetProperty("method").GetString() switch
        {
            "auto" => KolmogorovSmirnovMethod.Auto,
            "exact" => KolmogorovSmirnovMethod.Exact,
            "asymp" => KolmogorovSmirnovMethod.Asymptotic,
            var other => throw new InvalidOperationException(other),
        };
        KolmogorovSmirnovResult result = KolmogorovSmirnovTest.TwoSample(c.Doubles("reference"), c.Doubles("current"), method);
        string name = c.GetProperty("name").GetString()!;
        StatVectors.Close(c.Number("statistic"), result.Statistic, $"{name} statistic");
        StatVectors.Close(c.Number("pvalue"), result.PValue, $"{name} p-value ({result.Method})");
    }

    [Theory]
    [MemberData(nameof(QuantileCases))]
    public void LinearQuantilesMatchNumpy(string file, int index)
    {
        JsonElement c = StatVectors.Case(file, "quantiles_linear", index);
        double[] values = c.Doubles("values");
        double[] qs = c.Doubles("q");
        double[] expected = c.Doubles("linear");
        for (int i = 0; i < qs.Length; i++)
        {
            StatVectors.Close(expected[i], LinearQuantile.Of(values, qs[i]), $"q={qs[i]}");
        }

        SampleMoments moments = SampleMoments.Of(values);
        StatVectors.Close(c.Number("mean"), moments.Mean, "mean");
        StatVectors.Close(c.Number("max"), values.Max(), "max");
    }

    [Theory]
    [MemberData(nameof(WassersteinCases))]
    public void WassersteinMatchesScipy(string file, int index)
    {
        JsonElement c = StatVectors.Case(file, "wasserstein_distance", index);
        StatVectors.Close(c.Number("wasserstein"), WassersteinDistance.Between(c.Doubles("reference"), c.Doubles("current")), "wasserstein");
    }

    [Theory]
    [MemberData(nameof(ChiSquareCases))]
    public void ChiSquareMatchesScipy(string file, int index)
    {
        JsonElement c = StatVectors.Case(file, "chi2_contingency_no_correction", index);
        ChiSquareResult result = ChiSquareContingency.TwoRows(c.Doubles("reference_counts"), c.Doubles("current_counts"));
        StatVectors.Close(c.Number("chi2"), result.Statistic, "chi2");
        StatVectors.Close(c.Number("pvalue"), result.PValue, "p-value");
        Assert.Equal(c.GetProperty("dof").GetInt32(), result.DegreesOfFreedom);
    }

    [Theory]
    [MemberData(nameof(JensenShannonCases))]
    public void JensenShannonMatchesScipy(string file, int index)
    {
        JsonElement c = StatVectors.Case(file, "jensenshannon", index);
        StatVectors.Close(c.Number("jensenshannon_base2"), JensenShannonDistance.Base2(c.Doubles("p"), c.Doubles("q")), "js");
    }

    [Theory]
    [MemberData(nameof(LocationCases))]
    public void WelchAndMannWhitneyMatchScipy(string file, int index)
    {
        JsonElement c = StatVectors.Case(file, "two_sample_location", index);
        double[] a = c.Doubles("a");
        double[] b = c.Doubles("b");
        MannWhitneyUResult u = MannWhitneyUTest.TwoSided(a, b);
        StatVectors.Close(c.Number("mannwhitney_u"), u.Statistic, "U");
        StatVectors.Close(c.Number("mannwhitney_p_asymptotic"), u.PValue, "Mann-Whitney p");
        WelchTTestResult t = WelchTTest.TwoSided(a, b);
        StatVectors.Close(c.Number("welch_t"), t.Statistic, "Welch t");
        StatVectors.Close(c.Number("welch_p"), t.PValue, "Welch p");
    }

    [Theory]
    [MemberData(nameof(CramerVonMisesCases))]
    public void CramerVonMisesMatchesScipy(string file, int index)
    {
        JsonElement c = StatVectors.Case(file, "cramervonmises_2samp_auto", index);
        CramerVonMisesResult result = CramerVonMisesTest.TwoSample(c.Doubles("a"), c.Doubles("b"));
        StatVectors.Close(c.Number("statistic"), result.Statistic, "statistic");
        StatVectors.Close(c.Number("pvalue"), result.PValue, "p-value");
    }
}
