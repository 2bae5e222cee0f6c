using Monitor.Statistics;

namespace Monitor.Statistics.Tests;

public sealed class CorrectionAndHelperTests
{
    [Fact]
    public void BonferroniMultipliesByTheFamilySize()
    {
        double[] adjusted = PValueAdjustment.Adjust([0.01, 0.02, 0.5], MultipleTestingCorrection.Bonferroni);
        Assert.Equal([0.03, 0.06, 1.0], adjusted.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void BenjaminiHochbergMatchesStatsmodels()
    {
        // Step-up adjusted values min_{j>=i} p_(j) m / j, the definition statsmodels' fdr_bh uses; worked by hand.
        double[] p = [0.04, 0.01, 0.03, 0.2, 0.02];
        double[] adjusted = PValueAdjustment.Adjust(p, MultipleTestingCorrection.BenjaminiHochberg);
        Assert.Equal([0.05, 0.05, 0.05, 0.2, 0.05], adjusted.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void PsiReplacesEmptyBinsWithASmallShare()
    {
        // Current has nothing in the second bin: 0.0001 stands in for 0.
        double psi = PopulationStabilityIndex.FromCounts([50, 50], [100, 0]);
        double expected = (1.0 - 0.5) * Math.Log(1.0 / 0.5) + (0.0001 - 0.5) * Math.Log(0.0001 / 0.5);
        Assert.Equal(expected, psi, 12);
        Assert.Equal(0.0, PopulationStabilityIndex.FromCounts([10, 20, 30], [1, 2, 3]), 12);
    }

    [Fact]
    public void TwoProportionZTestAgreesWithChiSquared()
    {
        TwoProportionZTestResult z = TwoProportionZTest.Compare(120, 1000, 150, 1000);
        ChiSquareResult chi = ChiSquareContingency.TwoRows([120, 880], [150, 850]);
        Assert.Equal(chi.Statistic, z.Z * z.Z, 9);
        Assert.Equal(chi.PValue, z.PValue, 12);
        Assert.Equal(0.03, z.Difference, 12);
        Assert.True(z.DifferenceLower95 < 0.03 && z.DifferenceUpper95 > 0.03);
        Assert.Equal(0.25, z.RelativeLift, 12);
    }

    [Fact]
    public void SampleSizesMatchTheTextbook()
    {
        // Two-sided alpha 0.05, power 0.8: 16 sigma^2 / delta^2 rule of thumb gives 15.7 -> 16 per group for delta = sigma.
        Assert.Equal(16, SampleSize.ForMeans(1.0, 1.0));
        Assert.Equal(393, SampleSize.ForMeans(0.2, 1.0));
        // 10% vs 12%: the formula evaluated with scipy's normal quantiles gives 3,840.85 -> 3,841 per group.
        long n = SampleSize.ForProportions(0.10, 0.12);
        Assert.Equal(3841, n);
    }

    [Fact]
    public void StandardNormalQuantileInvertsTheCdf()
    {
        Assert.Equal(1.959963984540054, StandardNormal.Quantile(0.975), 12);
        Assert.Equal(0.8416212335729143, StandardNormal.Quantile(0.8), 12);
        Assert.Equal(0.025, StandardNormal.Sf(1.959963984540054), 14);
    }

    [Fact]
    public void BesselKMatchesKnownValues()
    {
        // scipy.special.kv
        Assert.Equal(0.4210244382407083, ModifiedBesselK.K(0, 1), 13);
        Assert.Equal(0.6019072301972346, ModifiedBesselK.K(1, 1), 13);
        Assert.Equal(0.4307397744485814, ModifiedBesselK.K(0.25, 1), 13);
        Assert.Equal(1.7833184439806395e-05 / 1.7833184439806395e-05, ModifiedBesselK.K(0.25, 10) / 1.7833184439806395e-05, 12);
    }
}
