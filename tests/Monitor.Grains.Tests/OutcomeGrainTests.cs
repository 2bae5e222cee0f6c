using Monitor.Grains.Drift;
using Monitor.Grains.Models;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Comparison;
using Monitor.Grains.Tests.Outcomes;
using Monitor.Grains.Versions;
using Monitor.Statistics.Comparison;

namespace Monitor.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class OutcomeGrainTests(ClusterFixture fixture)
{
    private long Now => fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task Labels_sent_to_a_version_show_in_its_summary_and_time_series()
    {
        var grain = Version("churn", "summary");
        await grain.Ingest([new TestBatch("churn", "summary")
            .Add(Now - 30_000, 10, confidence: 0.9, prediction: 1, id: "a")
            .Add(Now - 30_000, 10, confidence: 0.6, prediction: 0, id: "b")
            .Add(Now - 30_000, 10, confidence: 0.8, prediction: 1, id: "c")
            .Add(Now - 30_000, 10, confidence: 0.7, prediction: 1, id: "d")
            .Build()]);

        var joins = await grain.JoinLabels(Labels.Of([("a", 1), ("b", 1), ("c", 1), ("zz", 0)], Now, "summary"));
        var events = await grain.RecordEvents(Labels.Events([("a", "click", double.NaN), ("a", "conversion", double.NaN), ("a", "revenue", 12.5)], Now, "summary"));

        Assert.Equal(3, joins.Joined);
        Assert.Equal(1, joins.Pending);
        Assert.Equal(3, events.Matched);
        var outcomes = (await grain.GetSummary(60)).Outcomes!;
        Assert.Equal(3, outcomes.Labels.Joined);
        Assert.Equal(0.75, outcomes.Labels.Coverage);
        Assert.Equal(1, outcomes.Labels.PendingNow);
        Assert.Equal(2.0 / 3, outcomes.Classification!.Accuracy!.Value, 12);
        Assert.Equal(0.75, outcomes.Estimated!.Accuracy!.Value, 12);
        Assert.Equal(0.25, outcomes.Business.ClickThroughRate);
        Assert.Equal(3.125, outcomes.Business.RevenuePerPrediction);
        Assert.Equal(4, outcomes.Index.Held);

        var series = await grain.GetTimeSeries(5, 60);
        Assert.Equal(3, series.Points.Sum(p => p.Outcomes!.Labels));
        Assert.Equal(12.5, series.Points.Sum(p => p.Outcomes!.Revenue));
    }

    [Fact]
    public async Task A_version_without_labels_or_events_has_no_outcome_section()
    {
        var grain = Version("churn", "quiet");
        await grain.Ingest([new TestBatch("churn", "quiet").Add(Now - 1000, 10, prediction: 1, id: "x").Build()]);

        Assert.Null((await grain.GetSummary(60)).Outcomes);
        Assert.All((await grain.GetTimeSeries(5, 60)).Points, p => Assert.Null(p.Outcomes));
    }

    [Fact]
    public async Task A_label_waiting_at_the_version_joins_once_its_prediction_arrives()
    {
        var grain = Version("churn", "early");
        await grain.Ingest([new TestBatch("churn", "early").Add(Now - 1000, 10, prediction: 0, id: "other").Build()]);
        Assert.Equal(1, (await grain.JoinLabels(Labels.Of([("late-prediction", 1)], Now, "early"))).Pending);

        await grain.Ingest([new TestBatch("churn", "early").Add(Now, 10, confidence: 0.9, prediction: 1, id: "late-prediction").Build()]);
        fixture.Time.Advance(TimeSpan.FromSeconds(6));

        var labels = (await grain.GetSummary(60)).Outcomes!.Labels;
        Assert.Equal(0, labels.PendingNow);
        Assert.Equal(1, labels.Joined);
    }

    [Fact]
    public async Task Labels_naming_only_the_model_join_the_version_that_made_the_prediction()
    {
        var model = fixture.Grains.GetGrain<IModelGrain>("inferred");
        await model.AddVersion("v1");
        await model.AddVersion("v2");
        await Version("inferred", "v1").Ingest([new TestBatch("inferred", "v1").Add(Now - 1000, 10, prediction: "yes", id: "one").Build()]);
        await Version("inferred", "v2").Ingest([new TestBatch("inferred", "v2").Add(Now - 1000, 10, prediction: "no", id: "two").Build()]);

        var joins = await model.JoinLabels(Labels.Of([("one", "yes"), ("two", "yes"), ("two", "yes"), ("three", "no")], Now, version: null));

        Assert.Equal(2, joins.Joined);
        Assert.Equal(1, joins.Duplicate);
        Assert.Equal(1, joins.Pending);
        Assert.Equal(1.0, (await Version("inferred", "v1").GetSummary(60)).Outcomes!.Classification!.Accuracy);
        Assert.Equal(0.0, (await Version("inferred", "v2").GetSummary(60)).Outcomes!.Classification!.Accuracy);

        // The third prediction arrives at v2; the model asks again on its timer and v2 joins the label.
        await Version("inferred", "v2").Ingest([new TestBatch("inferred", "v2").Add(Now, 10, prediction: "no", id: "three").Build()]);
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        await model.GetVersions();
        var v2 = (await Version("inferred", "v2").GetSummary(60)).Outcomes!;
        Assert.Equal(2, v2.Classification!.Count);
        Assert.Equal(0.5, v2.Classification.Accuracy);

        var events = await model.RecordEvents(Labels.Events([("one", "click", double.NaN), ("nobody", "click", double.NaN)], Now, version: null));
        Assert.Equal(1, events.Matched);
        Assert.Equal(1, events.Pending);
    }

    [Fact]
    public async Task The_join_index_and_the_ledger_survive_deactivation()
    {
        var grain = Version("churn", "durable");
        await grain.Ingest([new TestBatch("churn", "durable").Add(Now - 1000, 10, prediction: "yes", id: "kept").Add(Now - 1000, 10, prediction: "no", id: "scored").Build()]);
        Assert.Equal(1, (await grain.JoinLabels(Labels.Of([("scored", "maybe"), ("early", "no")], Now, "durable"))).Pending);
        await grain.RecordEvents(Labels.Events([("scored", "revenue", 12.5)], Now, "durable"));

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        // The index joins; the waiting label, the class names, the totals and the revenue amounts are back.
        Assert.Equal(1, (await grain.JoinLabels(Labels.Of([("kept", "yes")], Now, "durable"))).Joined);
        var outcomes = (await grain.GetSummary(60)).Outcomes!;
        Assert.Equal(1, outcomes.Labels.PendingNow);
        Assert.Equal(2, outcomes.Index.LabelsSinceStart.Joined);
        Assert.Equal(["maybe", "no", "yes"], outcomes.Classification!.ConfusionMatrix.Classes.Order());
        Assert.Equal(12.5, outcomes.Business.RevenueTotal);

        // The restored waiting label joins its prediction when it comes.
        await grain.Ingest([new TestBatch("churn", "durable").Add(Now, 10, prediction: "no", id: "early").Build()]);
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        var labels = (await grain.GetSummary(60)).Outcomes!.Labels;
        Assert.Equal(0, labels.PendingNow);
        Assert.Equal(3, labels.Joined);
    }

    [Fact]
    public async Task The_model_compares_versions_and_its_champion_with_each_challenger()
    {
        var model = fixture.Grains.GetGrain<IModelGrain>("ab");
        // v1 has no reference; v2's inputs moved a standard deviation from its reference, v3's did not.
        var seed = 0;
        foreach (var (version, accuracy, latency, shift) in new[] { ("v1", 0.9, 20.0, double.NaN), ("v2", 0.7, 30.0, 1.0), ("v3", 0.9, 20.0, 0.0) })
        {
            await model.AddVersion(version);
            var random = new Random(++seed);
            if (!double.IsNaN(shift))
            {
                var reference = Enumerable.Range(0, 600).Select(_ => Normal(random)).ToArray();
                Assert.True((await Version("ab", version).SetReference(new ReferenceData { Features = [ReferenceColumn.Numeric("x", reference)], Source = "json" })).Accepted);
            }

            var batch = new TestBatch("ab", version);
            var labels = new List<(string, object)>();
            for (var i = 0; i < 600; i++)
            {
                var features = new Dictionary<string, object?> { ["x"] = Normal(random) + (double.IsNaN(shift) ? 0 : shift) };
                batch.Add(Now - 10_000, latency + (random.NextDouble() * 10), confidence: 0.8, prediction: 1, id: $"{version}-{i}", features: features);
                labels.Add(($"{version}-{i}", i < accuracy * 600 ? 1 : 0));
            }

            await Version("ab", version).Ingest([batch.Build()]);
            await Version("ab", version).JoinLabels(Labels.Of([.. labels], Now, version));
        }

        Assert.Null(await model.CompareWithChampion(60));
        Assert.False(await model.SetChampion("v9"));
        Assert.True(await model.SetChampion("v1"));
        Assert.Equal("v1", await model.GetChampion());

        var pair = (await model.Compare("v1", "v2", 60)).Comparisons.Single();
        Assert.Equal(0.5, pair.Traffic.ShareA);
        Assert.Equal(VersionDriftVerdict.NoReference, pair.Drift.A.Verdict);
        Assert.Equal(VersionDriftVerdict.Drift, pair.Drift.B.Verdict);
        Assert.Equal(["x"], pair.Drift.B.DriftedFeatures);
        Assert.Equal(600, pair.Drift.B.WindowRecords);
        Assert.Equal(ComparisonDrift.Note, pair.DriftNote);
        Assert.Equal(Verdicts.Worse, Metric(pair, "accuracy").Verdict);
        Assert.Equal(Verdicts.Worse, Metric(pair, "latency_mean_ms").Verdict);
        Assert.Equal(Verdicts.Worse, Metric(pair, "latency_p50_ms").Verdict);
        Assert.Equal(Verdicts.NoSignificantDifference, Metric(pair, "success_rate").Verdict);
        Assert.Equal(Verdicts.InsufficientData, Metric(pair, "click_through_rate").Verdict);
        Assert.Equal(0.9 - 0.7, -Metric(pair, "accuracy").Difference!.Value, 9);

        var champion = await model.CompareWithChampion(60);
        Assert.Equal("v1", champion!.Champion);
        Assert.Equal(["v2", "v3"], champion.Comparisons.Select(c => c.B));
        Assert.All(champion.Comparisons, c => Assert.Equal("v1", c.A));
        Assert.Equal(Verdicts.NoSignificantDifference, Metric(champion.Comparisons[1], "accuracy").Verdict);
        Assert.Equal(VersionDriftVerdict.NoDrift, champion.Comparisons[1].Drift.B.Verdict);
        Assert.Equal(1, champion.Comparisons[1].Drift.B.FeaturesTested);
        Assert.NotNull(Metric(champion.Comparisons[1], "latency_mean_ms").Secondary);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private IModelVersionGrain Version(string model, string version) => fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));

    private static MetricComparison Metric(VersionComparison comparison, string name) => comparison.Metrics.Single(m => m.Metric == name);
}
