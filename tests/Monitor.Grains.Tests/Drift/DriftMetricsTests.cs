using Monitor.Grains.Drift;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Tests.Drift;

public sealed class DriftMetricsTests
{
    private static readonly long Now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void Alert_rules_read_drift_figures_from_the_latest_report_and_data_quality_over_their_window()
    {
        var reference = FeatureWindowEvaluationTests.Reference(new Random(11), 200);
        var window = new VersionWindow(new VersionWindowOptions());
        var counter = new DataQualityCounter(reference.Schema);
        var batch = new TestBatch("m", "v");
        for (var i = 0; i < 100; i++)
        {
            var features = new Dictionary<string, object?> { ["amount"] = i % 10 == 0 ? null : 5.0 + i, ["country"] = "DE" };
            if (i < 20)
            {
                features["extra"] = 1.0;
            }

            batch.Add(Now - 1000, 1, features: features);
        }

        var built = batch.Build();
        window.Apply(built, Now);
        var ring = new FeatureRing(reference.Schema, 1000, reference.Outputs is not null);
        counter.Count(built, window.Buckets, Now, ring);
        var evaluator = new VersionDriftEvaluator();
        evaluator.Configure(reference, DriftSettings.Default);
        var report = evaluator.Evaluate("m", "v", ring, DateTimeOffset.FromUnixTimeMilliseconds(Now));
        var metrics = new DriftMetrics(() => report, () => window);

        Assert.Equal(1, Value(metrics, DriftMetricNames.DriftDetected));
        Assert.True(Value(metrics, DriftMetricNames.FeatureDriftPValue, "country") < 1e-6);
        Assert.Equal(report.Features[0].Verdict!.Statistic, Value(metrics, DriftMetricNames.FeatureDriftStatistic, "amount"));
        Assert.True(Value(metrics, DriftMetricNames.FeaturePsi, "amount") > 1);
        Assert.Equal(1, Value(metrics, DriftMetricNames.FeatureDrifted));
        Assert.Equal(0.1, Value(metrics, DriftMetricNames.NullShare, "amount"), 12);
        Assert.Equal(1.0, Value(metrics, DriftMetricNames.OutOfRangeShare, "amount"));
        Assert.Equal(0, Value(metrics, DriftMetricNames.UnseenCategoryShare, "country"));
        Assert.Equal(0.2, Value(metrics, DriftMetricNames.SchemaViolationShare), 12);
        Assert.Equal(0.2, Value(metrics, DriftMetricNames.UnknownFeatureShare), 12);
        Assert.Equal(0, Value(metrics, DriftMetricNames.NonFiniteRefused));
        Assert.False(metrics.TryEvaluate(new VersionMetricQuery(VersionMetricNames.LatencyP95, null, Window), Now, out _));
    }

    [Fact]
    public void Before_any_evaluation_drift_figures_are_known_but_empty()
    {
        var metrics = new DriftMetrics(() => null, () => new VersionWindow(new VersionWindowOptions()));

        Assert.True(metrics.TryEvaluate(new VersionMetricQuery(DriftMetricNames.DriftDetected, null, Window), Now, out var value));
        Assert.True(double.IsNaN(value.Value));
        Assert.Equal(0, value.Samples);
    }

    private static double Value(DriftMetrics metrics, string metric, string? feature = null)
    {
        Assert.True(metrics.TryEvaluate(new VersionMetricQuery(metric, feature, Window), Now, out var value));
        return value.Value;
    }
}
