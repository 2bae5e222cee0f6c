using Monitor.Grains.Drift;
using Monitor.Grains.Versions;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DriftGrainTests(ClusterFixture fixture)
{
    private long Now => fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task A_reference_is_described_and_the_window_is_evaluated_against_it_exactly()
    {
        var grain = Grain("uploaded");
        var reference = Normal(new Random(1), 300, 0);
        var change = await grain.SetReference(Reference(reference));
        Assert.True(change.Accepted);
        Assert.Equal("ready", change.Reference!.Status);
        Assert.Equal(300, change.Reference.Rows);
        Assert.Equal(FeatureType.Numeric, change.Reference.Features.Single().Type);

        var window = Normal(new Random(2), 200, 0.5);
        await grain.Ingest([Batch("uploaded", window)]);
        var report = (await grain.EvaluateDrift())!;

        var expected = DriftEngine.Evaluate(DriftReference.Prepare([DriftColumn.Numeric("x", reference)]), [DriftColumn.Numeric("x", window)]);
        var ks = report.Features.Single().Tests.Single(t => t.Test == "kolmogorov_smirnov");
        Assert.Equal(expected.Features[0].Tests[0].PValue, ks.PValue);
        Assert.Equal(200, report.WindowRecords);
        Assert.True(report.Dataset.Drifted);
        Assert.Equal("reference", report.DataQuality.Schema);
    }

    [Fact]
    public async Task Without_a_reference_there_is_no_report_and_bad_references_are_refused_with_their_field()
    {
        var grain = Grain("refused");
        Assert.Null(await grain.EvaluateDrift());
        Assert.Null(await grain.GetReference());

        var uneven = await grain.SetReference(new ReferenceData
        {
            Features = [ReferenceColumn.Numeric("a", [1, 2, 3]), ReferenceColumn.Numeric("b", [1, 2])],
            Source = "json",
        });
        Assert.False(uneven.Accepted);
        Assert.Equal("features.b", uneven.Problems.Single().Field);
        Assert.Null(await grain.GetReference());
    }

    [Fact]
    public async Task A_capture_takes_the_next_records_and_the_reference_survives_deactivation()
    {
        var key = VersionKey.Of("fraud", "captured");
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(key);
        await grain.Ingest([Batch("captured", [100, 101, 102])]);
        var started = await grain.CaptureReference(new CaptureRequest { Records = 40 });
        Assert.Equal("capturing", started.Reference!.Status);

        await grain.Ingest([Batch("captured", Normal(new Random(3), 25, 0))]);
        Assert.Equal(25, (await grain.GetReference())!.Capture!.Captured);
        await grain.Ingest([Batch("captured", Normal(new Random(4), 25, 0))]);

        var described = (await grain.GetReference())!;
        Assert.Equal("ready", described.Status);
        Assert.Equal("capture", described.Source);
        Assert.Equal(40, described.Rows);
        Assert.Null(described.Capture);
        Assert.True(described.Features.Single().Max < 100);

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        var restored = (await grain.GetReference())!;
        Assert.Equal(40, restored.Rows);
        Assert.Equal(described.Features.Single().Mean, restored.Features.Single().Mean);
        Assert.NotNull(await grain.EvaluateDrift());
    }

    [Fact]
    public async Task A_copied_reference_evaluates_like_the_original()
    {
        var source = Grain("copy-source");
        await source.SetReference(Reference(Normal(new Random(5), 100, 0)));
        var data = (await source.GetReferenceData())!;

        var target = Grain("copy-target");
        var change = await target.SetReference(new ReferenceData { Features = data.Features, Source = "copy", CopiedFrom = "fraud/copy-source" });

        Assert.Equal("fraud/copy-source", change.Reference!.CopiedFrom);
        Assert.Equal((await source.GetReference())!.Features, change.Reference.Features);
    }

    [Fact]
    public async Task The_timer_records_evaluations_in_the_history_only_when_records_arrived()
    {
        var grain = Grain("history");
        await grain.SetReference(Reference(Normal(new Random(6), 200, 0)));
        await grain.Ingest([Batch("history", Normal(new Random(7), 100, 0))]);

        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        var one = await grain.GetDriftHistory(10);
        Assert.Single(one.Evaluations);
        Assert.Equal(60, one.IntervalSeconds);
        var x = one.Features.Single();
        Assert.Equal("x", x.Name);
        Assert.NotNull(x.Points.Single().PValue);
        Assert.NotNull(x.Points.Single().Psi);

        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Single((await grain.GetDriftHistory(10)).Evaluations);

        await grain.Ingest([Batch("history", Normal(new Random(8), 100, 2))]);
        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        var two = await grain.GetDriftHistory(10);
        Assert.Equal(2, two.Evaluations.Count);
        Assert.True(two.Evaluations[1].Drifted);
        Assert.Equal(2, two.Features.Single().Points.Count);

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
        Assert.Equal(2, (await grain.GetDriftHistory(10)).Evaluations.Count);
    }

    [Fact]
    public async Task Settings_are_checked_against_the_reference_and_persisted()
    {
        var grain = Grain("settings");
        await grain.SetReference(Reference(Normal(new Random(9), 100, 0)));

        var refused = await grain.SetDriftSettings(DriftSettings.Default with { Alpha = 1.5, FeatureTests = new Dictionary<string, string> { ["x"] = "chi2", ["y"] = "ks" } });
        Assert.Equal(["alpha", "feature_tests.x", "feature_tests.y"], refused.Problems.Select(p => p.Field));

        var accepted = await grain.SetDriftSettings(DriftSettings.Default with { Alpha = 0.01, Correction = "bh", FeatureTests = new Dictionary<string, string> { ["x"] = "ks" } });
        Assert.Equal("benjamini_hochberg", accepted.Settings!.Correction);
        Assert.Equal("kolmogorov_smirnov", accepted.Settings.FeatureTests["x"]);

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
        Assert.Equal(0.01, (await grain.GetDriftSettings()).Alpha);

        await grain.Ingest([Batch("settings", Normal(new Random(10), 60, 0))]);
        var report = (await grain.EvaluateDrift())!;
        Assert.Equal("kolmogorov_smirnov", report.Features.Single().Verdict!.Test);
        Assert.Equal(0.01, report.Dataset.Alpha);
        Assert.Equal("benjamini_hochberg", report.Dataset.Correction);
    }

    [Fact]
    public async Task Data_quality_is_in_the_summary_and_refused_records_are_counted()
    {
        var grain = Grain("quality");
        await grain.SetReference(Reference([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
        var batch = new TestBatch("fraud", "quality")
            .Add(Now - 1000, 1, features: new() { ["x"] = 3.0 })
            .Add(Now - 1000, 1, features: new() { ["x"] = 30.0 })
            .Add(Now - 1000, 1, features: new() { ["x"] = null })
            .Add(Now - 1000, 1, features: new() { ["y"] = 1.0 })
            .Build();
        await grain.Ingest([batch]);
        await grain.CountNonFiniteRefused(2);

        var quality = (await grain.GetSummary(60)).DataQuality!;

        Assert.Equal(4, quality.Records);
        Assert.Equal(2, quality.NonFiniteRefused);
        Assert.Equal(0.25, quality.SchemaViolationShare);
        var x = quality.Features.Single(f => f.Name == "x");
        Assert.Equal(0.25, x.NullShare);
        Assert.Equal(0.25, x.MissingShare);
        Assert.Equal(0.5, x.OutOfRangeShare);
    }

    private IModelVersionGrain Grain(string version) => fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", version));

    private Monitor.Grains.Ingest.PredictionBatch Batch(string version, double[] values)
    {
        var batch = new TestBatch("fraud", version);
        foreach (var v in values)
        {
            batch.Add(Now - 1000, 5, features: new() { ["x"] = v });
        }

        return batch.Build();
    }

    private static ReferenceData Reference(double[] values) => new() { Features = [ReferenceColumn.Numeric("x", values)], Source = "json" };

    private static double[] Normal(Random random, int n, double shift) =>
        [.. Enumerable.Range(0, n).Select(_ => shift + (Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];
}
