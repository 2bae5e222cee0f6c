using Monitor.Statistics.Drift;
using Monitor.Testing.Calibration;

namespace Monitor.Statistics.Tests.Drift.Corpus;

/// <summary>
/// Changes injected into real data are caught and named: the changed feature drifts and leads the report (the
/// smallest adjusted p-value or, for a distance verdict, is drifted), over several random splits each.
/// </summary>
public sealed class DriftCorpusChangeTests
{
    private const int Splits = 10;

    [Theory]
    [InlineData("breast_cancer.csv", "mean_radius", 3)]
    [InlineData("digits.csv", "pixel_2_3", 3)]
    [InlineData("diabetes.csv", "bmi", 3)]
    [InlineData("wine.csv", "alcohol", 1)]
    [InlineData("simulated_discrete.csv", "counts", 9)]
    public void AFeatureScaledBy1Point3IsCaughtAndNamed(string file, string feature, int ratio)
    {
        CorpusTable table = CorpusTable.Load(file);
        int column = table.Column(feature);
        AssertCaught(table, ratio, 8200, split => table.Columns(split.Window, (c, v) => c == column ? v.Select(x => x * 1.3).ToArray() : v), [feature]);
    }

    [Fact]
    public void ASubpopulationIsCaughtAndItsFeaturesNamed()
    {
        // Production sees only large tumours: the window keeps the split's rows with mean_radius above the median.
        CorpusTable table = CorpusTable.Load("breast_cancer.csv");
        int radius = table.Column("mean_radius");
        double median = table.Cells.Select(r => double.Parse(r[radius], System.Globalization.CultureInfo.InvariantCulture)).Order().ElementAt(table.Rows / 2);
        var random = new SeededRandom(8300);
        var engine = new DriftEngine();
        for (int i = 0; i < Splits; i++)
        {
            CorpusSplit split = CorpusSplit.Random(table.Rows, 1, random);
            int[] selected = split.Window.Where(r => double.Parse(table.Cells[r][radius], System.Globalization.CultureInfo.InvariantCulture) > median).ToArray();
            DriftReport report = engine.Evaluate(DriftReference.Prepare(table.Columns(split.Reference)), table.Columns(selected));
            Assert.True(report.Dataset.Drifted);
            Assert.True(report.Features.Single(f => f.Name == "mean_radius").Verdict!.Drifted);
            Assert.True(report.Features.Single(f => f.Name == "mean_area").Verdict!.Drifted);
        }
    }

    [Fact]
    public void NullsReplacingTheLargestValuesAreCaughtAndCounted()
    {
        // The largest 30% of 'rounded' go missing in production (a failing upstream join, say).
        CorpusTable table = CorpusTable.Load("simulated_discrete.csv");
        int column = table.Column("rounded");
        var random = new SeededRandom(8400);
        var engine = new DriftEngine();
        for (int i = 0; i < Splits; i++)
        {
            CorpusSplit split = CorpusSplit.Random(table.Rows, 9, random);
            DriftColumn[] window = table.Columns(split.Window, (c, v) =>
            {
                if (c != column)
                {
                    return v;
                }

                double cut = v.Order().ElementAt((int)(v.Length * 0.7));
                return v.Select(x => x >= cut ? double.NaN : x).ToArray();
            });
            DriftReport report = engine.Evaluate(DriftReference.Prepare(table.Columns(split.Reference)), window);
            FeatureDriftReport rounded = report.Features.Single(f => f.Name == "rounded");
            Assert.True(rounded.CurrentMissing >= split.Window.Length * 0.25);
            Assert.True(rounded.Verdict!.Drifted);
            Assert.Equal("rounded", Leader(report));
        }
    }

    [Fact]
    public void NullsAtRandomAreCountedButAreNotDrift()
    {
        CorpusTable table = CorpusTable.Load("simulated_discrete.csv");
        int column = table.Column("ratings");
        var random = new SeededRandom(8500);
        var engine = new DriftEngine();
        int alarms = 0;
        for (int i = 0; i < Splits; i++)
        {
            CorpusSplit split = CorpusSplit.Random(table.Rows, 9, random);
            DriftColumn[] window = table.Columns(split.Window, (c, v) => c == column ? v.Select((x, k) => k % 5 == 0 ? double.NaN : x).ToArray() : v);
            DriftReport report = engine.Evaluate(DriftReference.Prepare(table.Columns(split.Reference)), window);
            Assert.Equal(split.Window.Length / 5 + (split.Window.Length % 5 > 0 ? 1 : 0), report.Features.Single(f => f.Name == "ratings").CurrentMissing);
            alarms += report.Dataset.Drifted ? 1 : 0;
        }

        Assert.True(alarms <= 1, $"{alarms} of {Splits}");
    }

    [Theory]
    [InlineData("simulated_discrete.csv", "segment", "north", 9)]
    [InlineData("iris.csv", "species", "setosa", 1)]
    [InlineData("wine.csv", "cultivar", "class_1", 1)]
    public void AReplacedCategoryIsCaughtAndNamed(string file, string feature, string category, int ratio)
    {
        CorpusTable table = CorpusTable.Load(file);
        int column = table.Column(feature);
        AssertCaught(table, ratio, 8600, split => table.Columns(split.Window, textChange: (c, v) =>
            c == column ? v.Select(x => x == category ? category.ToUpperInvariant() + "_renamed" : x).ToArray() : v), [feature]);
    }

    private static void AssertCaught(CorpusTable table, int ratio, int seed, Func<CorpusSplit, DriftColumn[]> window, string[] features)
    {
        var random = new SeededRandom(seed);
        var engine = new DriftEngine();
        for (int i = 0; i < Splits; i++)
        {
            CorpusSplit split = CorpusSplit.Random(table.Rows, ratio, random);
            DriftReport report = engine.Evaluate(DriftReference.Prepare(table.Columns(split.Reference)), window(split));
            Assert.True(report.Dataset.Drifted, $"split {i}: not caught");
            foreach (string feature in features)
            {
                FeatureDriftReport f = report.Features.Single(x => x.Name == feature);
                Assert.True(f.Verdict!.Drifted, $"split {i}: {feature} not drifted ({f.Verdict.Test} p {f.Verdict.PValue})");
            }

            Assert.Contains(Leader(report), features);
        }
    }

    /// <summary>The feature the report puts first: the smallest adjusted p-value among drifted ones, else the largest distance over its threshold.</summary>
    private static string Leader(DriftReport report) => report.Features
        .Where(f => f.Verdict is { Drifted: true })
        .OrderBy(f => f.Verdict!.AdjustedPValue ?? double.MaxValue)
        .ThenByDescending(f => f.Verdict!.Statistic / f.Verdict.Threshold)
        .First().Name;
}
