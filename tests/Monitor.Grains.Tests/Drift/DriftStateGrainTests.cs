using Monitor.Grains.Drift;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests.Drift;

/// <summary>
/// A version's drift states through its grain: a reference with fewer window records than the minimum sample has no
/// verdict (never "no drift"), a feature no record carries is missing from the window, and a reference copied
/// without its outputs says the outputs are not compared, also after the grain is reactivated from storage.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DriftStateGrainTests(ClusterFixture fixture)
{
    private long Now => fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task Fewer_records_than_the_minimum_sample_give_insufficient_data_and_no_drifted_flag()
    {
        var grain = Grain("few");
        await grain.SetReference(Reference(200, withOutputs: false));

        Assert.Equal(DriftStatus.InsufficientData, (await grain.GetHealth()).Drift!.Status);

        await grain.Ingest([Batch("few", 10, x => x, y: true)]);
        var report = (await grain.EvaluateDrift())!;
        Assert.Equal(DriftStatus.InsufficientData, report.Dataset.Status);
        Assert.Null(report.Dataset.Drifted);
        Assert.Equal(0, report.Dataset.FeaturesTested);
        Assert.All(report.Features, f => Assert.Equal(DriftStatus.InsufficientData, f.Status));

        var line = (await grain.GetHealth()).Drift!;
        Assert.Equal(DriftStatus.InsufficientData, line.Status);
        Assert.Null(line.Drifted);

        await grain.Ingest([Batch("few", 60, x => x, y: true)]);
        var judged = (await grain.EvaluateDrift())!;
        Assert.Equal(DriftStatus.Evaluated, judged.Dataset.Status);
        Assert.NotNull(judged.Dataset.Drifted);
        Assert.Equal(2, judged.Dataset.FeaturesTested);
        Assert.Equal(DriftStatus.Evaluated, (await grain.GetHealth()).Drift!.Status);
        Assert.NotNull((await grain.GetHealth()).Drift!.Drifted);
    }

    [Fact]
    public async Task The_timers_history_keeps_insufficient_evaluations_without_a_verdict()
    {
        var grain = Grain("few-history");
        await grain.SetReference(Reference(200, withOutputs: false));
        await grain.Ingest([Batch("few-history", 5, x => x, y: true)]);

        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        var point = (await grain.GetDriftHistory(10)).Evaluations.Single();

        Assert.Equal(DriftStatus.InsufficientData, point.Status);
        Assert.Null(point.Drifted);
    }

    [Fact]
    public async Task A_feature_no_record_of_the_window_carries_is_missing_from_current_as_in_the_cli()
    {
        var grain = Grain("absent");
        await grain.SetReference(Reference(200, withOutputs: false));
        await grain.Ingest([Batch("absent", 80, x => x, y: false)]);

        var report = (await grain.EvaluateDrift())!;

        Assert.Equal(DriftStatus.Evaluated, report.Features.Single(f => f.Name == "x").Status);
        Assert.Equal(DriftStatus.MissingFromCurrent, report.Features.Single(f => f.Name == "y").Status);
        Assert.Equal(1, report.Dataset.FeaturesWithoutVerdict);
    }

    [Fact]
    public async Task A_copy_without_outputs_compares_features_only_and_says_so_after_reactivation()
    {
        var source = Grain("champion");
        await source.SetReference(Reference(200, withOutputs: true));
        var data = (await source.GetReferenceData())!;
        Assert.True((await source.GetReference())!.OutputsCompared);

        var challenger = Grain("challenger");
        var change = await challenger.SetReference(new ReferenceData
        {
            Features = data.Features,
            Source = "copy",
            CopiedFrom = "fraud/champion",
            OutputsLeftOut = true,
        });
        Assert.False(change.Reference!.OutputsCompared);
        Assert.Contains("without its outputs", change.Reference.OutputsNote);

        await challenger.Ingest([Batch("challenger", 80, x => x + 0.01, y: true)]);
        await fixture.Cluster.DeactivateAsync(challenger);
        await fixture.Cluster.WaitForDeactivationAsync(challenger);

        var report = (await challenger.EvaluateDrift())!;
        Assert.False(report.OutputsCompared);
        Assert.Empty(report.Outputs);
        Assert.Null(report.OutputsVerdict);
        Assert.Contains("fraud/champion", report.OutputsNote);
        Assert.Equal(2, report.Dataset.FeaturesTested);
    }

    [Fact]
    public void Alert_figures_give_no_drift_value_while_nothing_could_be_judged()
    {
        var report = new VersionDriftReport
        {
            Model = "m",
            Version = "v",
            EvaluatedAt = DateTimeOffset.UnixEpoch,
            WindowRecords = 12,
            WindowSize = 1000,
            ReferenceRows = 200,
            Dataset = new DatasetDrift
            {
                Drifted = null, Status = DriftStatus.InsufficientData, Correction = "bonferroni", Alpha = 0.05, MinimumSampleSize = 30,
                FeaturesTested = 0, FeaturesDrifted = 0, FeaturesWithoutVerdict = 1, DriftedShare = 0,
            },
            Features = [],
            UnknownFeatures = [],
            Outputs = [],
            DataQuality = DataQualityReport.Describe(new DataQualityCounts()),
        };
        var metrics = new DriftMetrics(() => report, () => throw new InvalidOperationException("drift figures need no buckets"));

        Assert.True(metrics.TryEvaluate(new VersionMetricQuery(DriftMetricNames.DriftDetected, null, TimeSpan.FromMinutes(15)), 0, out var detected));
        Assert.True(double.IsNaN(detected.Value));
        Assert.False(Monitor.Grains.Alerting.RuleComparators.Holds(Monitor.Grains.Alerting.RuleComparator.Less, detected.Value, 1));
        Assert.True(metrics.TryEvaluate(new VersionMetricQuery(DriftMetricNames.DriftInsufficientData, null, TimeSpan.FromMinutes(15)), 0, out var insufficient));
        Assert.Equal(1, insufficient.Value);
        Assert.Equal(12, insufficient.Samples);
        Assert.True(metrics.TryEvaluate(new VersionMetricQuery(DriftMetricNames.FeatureDrifted, null, TimeSpan.FromMinutes(15)), 0, out var anyFeature));
        Assert.True(double.IsNaN(anyFeature.Value));
    }

    private IModelVersionGrain Grain(string version) => fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", version));

    private Monitor.Grains.Ingest.PredictionBatch Batch(string version, int records, Func<double, double> x, bool y)
    {
        var batch = new TestBatch("fraud", version);
        for (var i = 0; i < records; i++)
        {
            var features = new Dictionary<string, object?> { ["x"] = x(i % 50) };
            if (y)
            {
                features["y"] = i % 3 == 0 ? "a" : "b";
            }

            batch.Add(Now - 1000, 5, confidence: 0.8, prediction: i % 2, features: features);
        }

        return batch.Build();
    }

    private static ReferenceData Reference(int rows, bool withOutputs) => new()
    {
        Features =
        [
            ReferenceColumn.Numeric("x", [.. Enumerable.Range(0, rows).Select(i => (double)(i % 50))]),
            ReferenceColumn.Categorical("y", [.. Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? "a" : "b")]),
        ],
        Predictions = withOutputs ? ReferenceColumn.Numeric("prediction", [.. Enumerable.Range(0, rows).Select(i => (double)(i % 2))]) : null,
        Confidences = withOutputs ? [.. Enumerable.Range(0, rows).Select(_ => 0.8)] : null,
        Source = "json",
    };
}
