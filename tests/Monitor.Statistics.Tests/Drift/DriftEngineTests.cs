using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Statistics.Tests.Drift;

public sealed class DriftEngineTests
{
    private static DriftReference Reference(params DriftColumn[] columns) => DriftReference.Prepare(columns);

    private static DriftTestResult Test(FeatureDriftReport feature, DriftTest test) => feature.Tests.Single(t => t.Test == test);

    [Fact]
    public void ANumericFeatureReportsEveryTestAndAgreesWithTheStandaloneTests()
    {
        var random = new SeededSamples(1);
        double[] reference = random.Normal(800);
        double[] current = random.Normal(600, 0.3);
        current[5] = double.NaN;

        DriftReport report = DriftEngine.Evaluate(Reference(DriftColumn.Numeric("x", reference)), [DriftColumn.Numeric("x", current)]);
        FeatureDriftReport x = Assert.Single(report.Features);

        Assert.Equal(FeatureDriftStatus.Evaluated, x.Status);
        Assert.Equal(800, x.ReferenceSize);
        Assert.Equal(599, x.CurrentSize);
        Assert.Equal(1, x.CurrentMissing);
        double[] present = current.Where(v => !double.IsNaN(v)).ToArray();

        KolmogorovSmirnovResult ks = KolmogorovSmirnovTest.TwoSample(reference, present);
        Assert.Equal(ks.Statistic, Test(x, DriftTest.KolmogorovSmirnov).Statistic);
        Assert.Equal(ks.PValue, Test(x, DriftTest.KolmogorovSmirnov).PValue);
        CramerVonMisesResult cvm = CramerVonMisesTest.TwoSample(reference, present);
        Assert.Equal(cvm.PValue, Test(x, DriftTest.CramerVonMises).PValue);
        double w = WassersteinDistance.Between(reference, present);
        Assert.Equal(w, Test(x, DriftTest.Wasserstein).Statistic, 12);
        double sd = SampleMoments.Of(reference).StandardDeviation();
        Assert.Equal(w / sd, Test(x, DriftTest.WassersteinNormed).Statistic, 12);
        Assert.Contains(x.Tests, t => t.Test == DriftTest.Psi && t.PValue is null && t.Threshold == 0.1);
        Assert.Contains(x.Tests, t => t.Test == DriftTest.JensenShannon && t.Statistic is > 0 and < 1);
        Assert.All(x.Tests, t => Assert.Equal((800, 599), (t.ReferenceSize, t.CurrentSize)));

        Assert.NotNull(x.Verdict);
        Assert.Equal(DriftTest.CramerVonMises, x.Verdict.Test);
        Assert.True(x.Verdict.IsDefaultTest);
        Assert.True(x.Verdict.Drifted);
        Assert.True(report.Dataset.Drifted);
        Assert.NotNull(x.OutOfRangeShare);
    }

    [Fact]
    public void IdenticalDataShowsNoDrift()
    {
        var random = new SeededSamples(2);
        double[] values = random.Normal(500);
        string?[] labels = Enumerable.Range(0, 500).Select(i => (i % 3).ToString()).ToArray();
        DriftReport report = DriftEngine.Evaluate(
            Reference(DriftColumn.Numeric("x", values), DriftColumn.Categorical("c", labels)),
            [DriftColumn.Numeric("x", values), DriftColumn.Categorical("c", labels)]);

        Assert.False(report.Dataset.Drifted);
        Assert.Equal(2, report.Dataset.FeaturesTested);
        FeatureDriftReport x = report.Features[0];
        Assert.Equal(1.0, Test(x, DriftTest.KolmogorovSmirnov).PValue);
        Assert.Equal(0.0, Test(x, DriftTest.Wasserstein).Statistic);
        Assert.Equal(0.0, Test(x, DriftTest.Psi).Statistic, 12);
        Assert.Equal(0.0, x.OutOfRangeShare);
        FeatureDriftReport c = report.Features[1];
        Assert.Equal(0.0, Test(c, DriftTest.ChiSquared).Statistic, 12);
        Assert.Equal(0.0, c.UnseenShare);
    }

    [Fact]
    public void ACategoricalFeatureCountsUnseenCategoriesAndTestsShares()
    {
        string?[] reference = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? "DE" : i % 3 == 1 ? "FR" : "US").ToArray();
        string?[] current = Enumerable.Range(0, 200).Select(i => i % 4 == 0 ? "DE" : i % 4 == 1 ? "BR" : i % 4 == 2 ? null : "US").ToArray();

        DriftReport report = DriftEngine.Evaluate(Reference(DriftColumn.Categorical("country", reference)), [DriftColumn.Categorical("country", current)]);
        FeatureDriftReport country = Assert.Single(report.Features);

        Assert.Equal(FeatureKind.Categorical, country.Kind);
        Assert.Equal(150, country.CurrentSize);
        Assert.Equal(50, country.CurrentMissing);
        Assert.Equal(50.0 / 150, country.UnseenShare!.Value, 12);

        // Reference 100/100/100/0 against current 50/0/50/50 over DE, FR, US, BR.
        ChiSquareResult chi = ChiSquareContingency.TwoRows([100, 100, 100, 0], [50, 0, 50, 50]);
        Assert.Equal(chi.Statistic, Test(country, DriftTest.ChiSquared).Statistic, 12);
        Assert.Equal(3, chi.DegreesOfFreedom);
        Assert.Equal(JensenShannonDistance.Base2([100, 100, 100, 0], [50, 0, 50, 50]), Test(country, DriftTest.JensenShannon).Statistic, 12);
        Assert.Equal(DriftTest.ChiSquared, country.Verdict!.Test);
        Assert.True(report.Dataset.Drifted);
    }

    [Fact]
    public void NoVerdictBelowTheMinimumSample()
    {
        var random = new SeededSamples(3);
        DriftReference reference = Reference(DriftColumn.Numeric("x", random.Normal(100)), DriftColumn.Numeric("y", random.Normal(100)));
        double[] small = random.Normal(29, 5);
        DriftReport report = DriftEngine.Evaluate(reference, [DriftColumn.Numeric("x", small), DriftColumn.Numeric("y", random.Normal(30))]);

        FeatureDriftReport x = report.Features[0];
        Assert.Equal(FeatureDriftStatus.InsufficientData, x.Status);
        Assert.Null(x.Verdict);
        Assert.Empty(x.Tests);
        Assert.Contains("30", x.Message);
        Assert.Equal(FeatureDriftStatus.Evaluated, report.Features[1].Status);
        Assert.Equal(1, report.Dataset.FeaturesTested);
        Assert.Equal(1, report.Dataset.FeaturesWithoutVerdict);

        DriftReport lower = DriftEngine.Evaluate(reference, [DriftColumn.Numeric("x", small)], new DriftOptions { MinimumSampleSize = 10 });
        Assert.Equal(FeatureDriftStatus.Evaluated, lower.Features[0].Status);
        Assert.True(lower.Dataset.Drifted);
    }

    [Fact]
    public void MissingUnknownAndMismatchedFeaturesAreReported()
    {
        var random = new SeededSamples(4);
        DriftReference reference = Reference(
            DriftColumn.Numeric("a", random.Normal(100)),
            DriftColumn.Numeric("b", random.Normal(100)),
            DriftColumn.Categorical("c", Enumerable.Repeat<string?>("x", 100).ToArray()));

        DriftReport report = DriftEngine.Evaluate(reference,
        [
            DriftColumn.Numeric("a", random.Normal(100)),
            DriftColumn.Categorical("b", Enumerable.Repeat<string?>("oops", 100).ToArray()),
            DriftColumn.Numeric("extra", random.Normal(100)),
        ]);

        Assert.Equal(FeatureDriftStatus.Evaluated, report.Features[0].Status);
        Assert.Equal(FeatureDriftStatus.TypeMismatch, report.Features[1].Status);
        Assert.Equal(FeatureDriftStatus.MissingFromCurrent, report.Features[2].Status);
        Assert.Equal(["extra"], report.UnknownFeatures);
        Assert.Equal(1, report.Dataset.FeaturesTested);
    }

    [Fact]
    public void TestsCanBeChosenPerKindAndPerFeature()
    {
        var random = new SeededSamples(5);
        DriftReference reference = Reference(
            DriftColumn.Numeric("a", random.Normal(300)),
            DriftColumn.Numeric("b", random.Normal(300)),
            DriftColumn.Categorical("c", Enumerable.Range(0, 300).Select(i => (i % 4).ToString()).ToArray()));
        DriftColumn[] current =
        [
            DriftColumn.Numeric("a", random.Normal(300, 0.5)),
            DriftColumn.Numeric("b", random.Normal(300)),
            DriftColumn.Categorical("c", Enumerable.Range(0, 300).Select(i => (i % 5).ToString()).ToArray()),
        ];

        var options = new DriftOptions
        {
            NumericTest = DriftTest.KolmogorovSmirnov,
            CategoricalTest = DriftTest.JensenShannon,
            FeatureTests = new Dictionary<string, DriftTest> { ["b"] = DriftTest.Psi },
        };
        DriftReport report = DriftEngine.Evaluate(reference, current, options);

        Assert.Equal(DriftTest.KolmogorovSmirnov, report.Features[0].Verdict!.Test);
        Assert.False(report.Features[0].Verdict!.IsDefaultTest);
        Assert.Equal(DriftTest.Psi, report.Features[1].Verdict!.Test);
        Assert.Null(report.Features[1].Verdict!.AdjustedPValue);
        Assert.Equal(DriftTest.JensenShannon, report.Features[2].Verdict!.Test);

        Assert.Throws<ArgumentException>(() => DriftEngine.Evaluate(reference, current,
            new DriftOptions { FeatureTests = new Dictionary<string, DriftTest> { ["c"] = DriftTest.KolmogorovSmirnov } }));
        Assert.Throws<ArgumentException>(() => new DriftEngine(new DriftOptions { NumericTest = DriftTest.ChiSquared }));
    }

    [Fact]
    public void DefaultTestsFollowTypeAndEffectiveSampleSize()
    {
        var random = new SeededSamples(6);
        DriftReference reference = Reference(
            DriftColumn.Numeric("small", random.Normal(1000)),
            DriftColumn.Numeric("large", random.Normal(5000)),
            DriftColumn.Numeric("binary", random.Integers(1000, 0, 2)),
            DriftColumn.Categorical("cat", Enumerable.Range(0, 5000).Select(i => (i % 5).ToString()).ToArray()));

        DriftReport report = DriftEngine.Evaluate(reference,
        [
            DriftColumn.Numeric("small", random.Normal(1000)),
            DriftColumn.Numeric("large", random.Normal(5000)),
            DriftColumn.Numeric("binary", random.Integers(1000, 0, 2)),
            DriftColumn.Categorical("cat", Enumerable.Range(0, 5000).Select(i => (i % 5).ToString()).ToArray()),
        ]);

        Assert.Equal(DriftTest.CramerVonMises, report.Features[0].Verdict!.Test);
        Assert.Equal(DriftTest.WassersteinNormed, report.Features[1].Verdict!.Test);
        Assert.Equal(DriftTest.ChiSquared, report.Features[2].Verdict!.Test);
        Assert.Contains(report.Features[2].Tests, t => t.Test == DriftTest.KolmogorovSmirnov);
        Assert.Equal(DriftTest.JensenShannon, report.Features[3].Verdict!.Test);
        Assert.False(report.Dataset.Drifted);
    }

    [Fact]
    public void TheCorrectionDecidesTheDatasetVerdict()
    {
        // Twenty features; one clearly shifted. Uncorrected, small p-values of the others could also count.
        var random = new SeededSamples(7);
        var referenceColumns = new List<DriftColumn>();
        var currentColumns = new List<DriftColumn>();
        for (int f = 0; f < 20; f++)
        {
            referenceColumns.Add(DriftColumn.Numeric($"f{f}", random.Normal(400)));
            currentColumns.Add(DriftColumn.Numeric($"f{f}", random.Normal(400, f == 0 ? 0.6 : 0.0)));
        }

        DriftReference reference = DriftReference.Prepare(referenceColumns);
        DriftReport bonferroni = DriftEngine.Evaluate(reference, currentColumns);
        DriftReport bh = DriftEngine.Evaluate(reference, currentColumns, new DriftOptions { Correction = MultipleTestingCorrection.BenjaminiHochberg });

        Assert.True(bonferroni.Features[0].Verdict!.Drifted, $"{bonferroni.Features[0].Verdict} {string.Join(", ", bonferroni.Features[0].Tests)}");
        double p = bonferroni.Features[0].Verdict!.PValue!.Value;
        Assert.Equal(Math.Min(1, p * 20), bonferroni.Features[0].Verdict!.AdjustedPValue!.Value, 12);
        Assert.Equal(MultipleTestingCorrection.Bonferroni, bonferroni.Dataset.Correction);
        Assert.True(bonferroni.Dataset.Drifted);
        Assert.Equal(MultipleTestingCorrection.BenjaminiHochberg, bh.Dataset.Correction);
        Assert.True(bh.Features[0].Verdict!.AdjustedPValue <= bonferroni.Features[0].Verdict!.AdjustedPValue);
        Assert.All(bonferroni.Features.Skip(1), f => Assert.True(f.Verdict!.AdjustedPValue >= f.Verdict!.PValue));
    }

    [Fact]
    public void AReferenceCanBeSharedAcrossEvaluations()
    {
        var random = new SeededSamples(8);
        DriftReference reference = Reference(DriftColumn.Numeric("x", random.Normal(1000)));
        double[] window = random.Normal(1000);
        DriftReport first = DriftEngine.Evaluate(reference, [DriftColumn.Numeric("x", window)]);
        DriftReport second = DriftEngine.Evaluate(reference, [DriftColumn.Numeric("x", window)]);
        Assert.Equal(first.Features[0].Tests, second.Features[0].Tests);
        Assert.Equal(window, window.ToArray());
    }

    [Fact]
    public void ParallelEvaluationGivesTheSameReport()
    {
        var random = new SeededSamples(9);
        var referenceColumns = new List<DriftColumn>();
        var currentColumns = new List<DriftColumn>();
        for (int f = 0; f < 12; f++)
        {
            referenceColumns.Add(DriftColumn.Numeric($"f{f}", random.Normal(2000)));
            currentColumns.Add(DriftColumn.Numeric($"f{f}", random.Normal(1500, f % 3 == 0 ? 0.1 : 0.0)));
        }

        referenceColumns.Add(DriftColumn.Categorical("c", Enumerable.Range(0, 2000).Select(i => (i % 7).ToString()).ToArray()));
        currentColumns.Add(DriftColumn.Categorical("c", Enumerable.Range(0, 1500).Select(i => (i % 8).ToString()).ToArray()));
        DriftReference reference = DriftReference.Prepare(referenceColumns);

        DriftReport serial = DriftEngine.Evaluate(reference, currentColumns);
        DriftReport parallel = DriftEngine.Evaluate(reference, currentColumns, new DriftOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(serial.Dataset, parallel.Dataset);
        for (int f = 0; f < serial.Features.Count; f++)
        {
            Assert.Equal(serial.Features[f].Verdict, parallel.Features[f].Verdict);
            Assert.Equal(serial.Features[f].Tests, parallel.Features[f].Tests);
        }
    }
}
