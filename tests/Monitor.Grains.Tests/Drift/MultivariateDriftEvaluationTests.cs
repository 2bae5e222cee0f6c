using Monitor.Grains.Drift;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Tests.Drift;

/// <summary>
/// A version's multivariate drift from its feature ring: a window whose features keep their distributions but
/// flip their correlation drifts by PCA reconstruction error, and only there; the verdict reaches the history
/// and the alert rules' figures; the settings are checked field by field.
/// </summary>
public sealed class MultivariateDriftEvaluationTests
{
    private static readonly long Now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void A_correlation_flip_drifts_multivariately_while_no_feature_drifts()
    {
        var reference = Reference(new Random(1), 4000);
        var (report, window) = Evaluate(reference, new Random(2), 1000, flip: true, DriftSettings.Default);

        Assert.False(report.Dataset.Drifted);
        var m = Assert.IsType<MultivariateDrift>(report.Multivariate);
        Assert.Equal(DriftStatus.Evaluated, m.Status);
        Assert.True(m.Drifted);
        Assert.Equal(["a", "b", "c"], m.Features);
        Assert.Equal(1, m.Components);
        Assert.True(m.VarianceKept > 0.65);
        Assert.Equal(1000, m.WindowRows);
        Assert.True(m.ReconstructionError > m.UpperThreshold);

        var metrics = new DriftMetrics(() => report, () => window);
        Assert.Equal(1, Value(metrics, DriftMetricNames.MultivariateDriftDetected));
        Assert.Equal(m.ReconstructionError!.Value, Value(metrics, DriftMetricNames.MultivariateReconstructionError));
        Assert.Empty(metrics.Explain(new VersionMetricQuery(DriftMetricNames.MultivariateDriftDetected, null, TimeSpan.FromMinutes(5))));

        var history = new DriftHistoryLog(10);
        history.Add(report);
        var point = history.Read("m", "v", Now - 1, Now + 1, 60).Evaluations.Single().Multivariate;
        Assert.Equal(new MultivariateDriftPoint
        {
            Status = DriftStatus.Evaluated, Drifted = true, ReconstructionError = m.ReconstructionError, LowerThreshold = m.LowerThreshold, UpperThreshold = m.UpperThreshold,
        }, point);
    }

    [Fact]
    public void The_same_correlations_do_not_drift_and_switching_it_off_removes_the_section()
    {
        var reference = Reference(new Random(3), 4000);

        var (report, window) = Evaluate(reference, new Random(4), 1000, flip: false, DriftSettings.Default);
        var (off, _) = Evaluate(reference, new Random(4), 1000, flip: false, DriftSettings.Default with { Multivariate = new MultivariateDriftSettings { Enabled = false } });

        Assert.False(report.Multivariate!.Drifted);
        Assert.Equal(0, Value(new DriftMetrics(() => report, () => window), DriftMetricNames.MultivariateDriftDetected));
        Assert.Null(off.Multivariate);
    }

    [Fact]
    public void A_small_window_has_no_verdict_and_rules_read_no_value()
    {
        var reference = Reference(new Random(5), 4000);

        var (report, window) = Evaluate(reference, new Random(6), 10, flip: true, DriftSettings.Default);

        Assert.Equal(DriftStatus.InsufficientData, report.Multivariate!.Status);
        Assert.Null(report.Multivariate.Drifted);
        Assert.Contains("minimum sample size 30", report.Multivariate.Message);
        Assert.True(double.IsNaN(Value(new DriftMetrics(() => report, () => window), DriftMetricNames.MultivariateDriftDetected)));
    }

    [Fact]
    public void A_reference_too_small_for_its_chunks_says_why()
    {
        var reference = Reference(new Random(7), 50);

        var (report, _) = Evaluate(reference, new Random(8), 100, flip: false, DriftSettings.Default);

        Assert.Equal(DriftStatus.InsufficientData, report.Multivariate!.Status);
        Assert.Contains("needs at least 100 reference rows", report.Multivariate.Message);
    }

    [Fact]
    public void Bad_multivariate_settings_are_named_by_field()
    {
        var settings = DriftSettings.Default with
        {
            Multivariate = new MultivariateDriftSettings { VarianceToKeep = 1.0, ReferenceChunks = 1, LowerStandardDeviations = 0, UpperStandardDeviations = double.NaN },
        };

        var problems = DriftSettingsRules.Check(settings, null).Select(p => p.Field).ToArray();

        Assert.Equal(
            ["multivariate.variance_to_keep", "multivariate.reference_chunks", "multivariate.lower_standard_deviations", "multivariate.upper_standard_deviations"],
            problems);
        Assert.Empty(DriftSettingsRules.Check(DriftSettings.Default, null));
    }

    private static (VersionDriftReport Report, VersionWindow Window) Evaluate(PreparedReference reference, Random random, int rows, bool flip, DriftSettings settings)
    {
        var window = new VersionWindow(new VersionWindowOptions());
        var counter = new DataQualityCounter(reference.Schema);
        var batch = new TestBatch("m", "v");
        var (a, b, c) = Chain(random, rows, flip);
        for (var i = 0; i < rows; i++)
        {
            batch.Add(Now - 1000, 1, features: new Dictionary<string, object?> { ["a"] = a[i], ["b"] = b[i], ["c"] = c[i], ["kind"] = "x" });
        }

        var built = batch.Build();
        window.Apply(built, Now);
        var ring = new FeatureRing(reference.Schema, 1000, reference.Outputs is not null);
        counter.Count(built, window.Buckets, Now, ring);
        var evaluator = new VersionDriftEvaluator();
        evaluator.Configure(reference, settings);
        return (evaluator.Evaluate("m", "v", ring, DateTimeOffset.FromUnixTimeMilliseconds(Now)), window);
    }

    private static PreparedReference Reference(Random random, int rows)
    {
        var (a, b, c) = Chain(random, rows, flip: false);
        return PreparedReference.Prepare(new ReferenceData
        {
            Features =
            [
                ReferenceColumn.Numeric("a", a), ReferenceColumn.Numeric("b", b), ReferenceColumn.Numeric("c", c),
                ReferenceColumn.Categorical("kind", [.. a.Select(_ => "x")]),
            ],
            Source = "json",
        });
    }

    // Three standard normal features in a chain of correlation 0.8; flipped, the middle one changes sign, so its
    // correlations with the others change sign while every feature keeps its distribution.
    private static (double[] A, double[] B, double[] C) Chain(Random random, int rows, bool flip)
    {
        double[] a = new double[rows], b = new double[rows], c = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            a[i] = Normal(random);
            var middle = (0.8 * a[i]) + (0.6 * Normal(random));
            c[i] = (0.8 * middle) + (0.6 * Normal(random));
            b[i] = flip ? -middle : middle;
        }

        return (a, b, c);
    }

    private static double Value(DriftMetrics metrics, string metric)
    {
        Assert.True(metrics.TryEvaluate(new VersionMetricQuery(metric, null, TimeSpan.FromMinutes(5)), Now, out var value));
        return value.Value;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
