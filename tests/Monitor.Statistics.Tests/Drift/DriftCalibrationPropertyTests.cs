using Monitor.Statistics.Drift;
using Monitor.Testing.Calibration;

namespace Monitor.Statistics.Tests.Drift;

/// <summary>
/// Seeded calibration of every verdict test on every feature family users have (continuous, binary, ratings,
/// counts, 50 levels, heavily tied, zero-inflated, rounded, mixed): with no drift, a test's false-alarm rate at
/// alpha = 0.05 must lie in [2%, 6%]; a rate past the 99% binomial bounds of that band over the trials fails.
/// Before the tie-aware tests, Cramér-von Mises alarmed in nearly every trial on discrete features at unequal
/// sizes, and KS in almost none on few levels. The full study (more sizes, more trials) is
/// benchmarks/DriftCalibration; its table is in docs/drift.md.
/// </summary>
public sealed class DriftCalibrationPropertyTests
{
    private const int Trials = 500;

    public static IEnumerable<object[]> Cases()
    {
        int seed = 9100;
        foreach (FeatureFamily family in FeatureFamilies.All)
        {
            yield return [family.Name, "default", 3000, 30, seed++];
            yield return [family.Name, "default", 400, 200, seed++];
            yield return [family.Name, "ks", 2000, 100, seed++];
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FalseAlarmsStayNearAlpha(string familyName, string test, int referenceSize, int windowSize, int seed)
    {
        FeatureFamily family = FeatureFamilies.All.Single(f => f.Name == familyName);
        DriftTest? chosen = test == "ks" ? DriftTest.KolmogorovSmirnov : null;
        double rate = CalibrationTrials.Rate(family, chosen, referenceSize, windowSize, 0, Trials, seed);
        double low = 0.02 - 2.58 * Math.Sqrt(0.02 * 0.98 / Trials);
        double high = 0.06 + 2.58 * Math.Sqrt(0.06 * 0.94 / Trials);
        Assert.InRange(rate, low, high);
    }

    [Fact]
    public void TheDatasetVerdictOnAllFamiliesKeepsItsFalseAlarmsAtMostAlpha()
    {
        const int trials = 300;
        double rate = CalibrationTrials.DatasetRate(FeatureFamilies.All, 3000, 300, -1, 0, trials, 9300);
        Assert.True(rate <= 0.05 + 2.33 * Math.Sqrt(0.05 * 0.95 / trials), $"dataset false alarms {rate:P1}");
    }

    [Theory]
    [InlineData("counts (Poisson 3)", 0.1, 9400)]
    [InlineData("ratings 1-10", 0.05, 9401)]
    [InlineData("ratings 1-5", 0.05, 9402)]
    public void DiscreteShiftsAreDetectedAtLeastAsOftenAsByBonferroniKs(string familyName, double shift, int seed)
    {
        // One feature of a Bonferroni family of 20, window 1,000, reference 5,000, as the continuous power case.
        const int trials = 150;
        FeatureFamily family = FeatureFamilies.All.Single(f => f.Name == familyName);
        double verdict = CalibrationTrials.Rate(family, null, 5000, 1000, shift, trials, seed, 0.05 / 20);
        double ks = CalibrationTrials.ReportedRate(family, DriftTest.KolmogorovSmirnov, 5000, 1000, shift, trials, seed, 0.05 / 20);
        Assert.True(verdict >= ks, $"default verdict {verdict:P0}, Bonferroni KS {ks:P0}");
    }

    [Fact]
    public void APointMassBesideContinuousValuesIsJudgedByKsAndKeepsItsPower()
    {
        // 40% zeros, the rest lognormal with its log-mean moved: Cramér-von Mises, diluted by the zeros' own noise,
        // caught about 5% of these shifts where Bonferroni-KS caught 18%; the default verdict is now the tie-aware KS.
        const int trials = 150;
        FeatureFamily family = FeatureFamilies.Mixed;
        var reference = DriftReference.Prepare([DriftColumn.Numeric("x", family.Sample(new SeededRandom(1), 5000, 0))]);
        DriftReport report = new DriftEngine().Evaluate(reference, [DriftColumn.Numeric("x", family.Sample(new SeededRandom(2), 1000, 0))]);
        Assert.Equal(DriftTest.KolmogorovSmirnov, report.Features[0].Verdict!.Test);
        Assert.Contains("point mass", report.Features[0].Verdict!.Reason);
        double verdict = CalibrationTrials.Rate(family, null, 5000, 1000, 0.15, trials, 9404, 0.05 / 20);
        double ks = CalibrationTrials.ReportedRate(family, DriftTest.KolmogorovSmirnov, 5000, 1000, 0.15, trials, 9404, 0.05 / 20);
        Assert.True(verdict >= 0.8 * ks, $"default verdict {verdict:P0}, Bonferroni KS {ks:P0}");
    }
}
