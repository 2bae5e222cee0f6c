using Monitor.Grains.Models;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests.Outcomes;

/// <summary>
/// "The first label stands", whatever the timing: a label waiting for its prediction is scored, and a second label
/// for the same id that arrives after the prediction but before the waiting one is retried counts as the duplicate,
/// at a version and for labels that name only the model.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FirstLabelStandsTests(ClusterFixture fixture)
{
    private long Now => fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task A_second_label_before_the_retry_is_the_duplicate_at_the_version()
    {
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("first", "v1"));
        Assert.Equal(1, (await grain.JoinLabels(Labels.Of([("x", 1)], Now, "v1"))).Pending);
        await grain.Ingest([new TestBatch("first", "v1").Add(Now, 10, confidence: 0.9, prediction: 1, id: "x").Build()]);

        // No timer turn between the prediction and the second label.
        var second = await grain.JoinLabels(Labels.Of([("x", 0)], Now, "v1"));

        Assert.Equal(1, second.Duplicate);
        Assert.Equal(0, second.Joined);
        var outcomes = (await grain.GetSummary(60)).Outcomes!;
        Assert.Equal(1, outcomes.Labels.Joined);
        Assert.Equal(1, outcomes.Labels.Duplicate);
        Assert.Equal(0, outcomes.Labels.PendingNow);
        Assert.Equal(1.0, outcomes.Classification!.Accuracy);
    }

    [Fact]
    public async Task A_second_label_naming_only_the_model_before_the_retry_is_the_duplicate()
    {
        var model = fixture.Grains.GetGrain<IModelGrain>("first-model");
        await model.AddVersion("v1");
        var version = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("first-model", "v1"));
        await version.Ingest([new TestBatch("first-model", "v1").Add(Now - 1000, 10, prediction: "yes", id: "other").Build()]);
        Assert.Equal(1, (await model.JoinLabels(Labels.Of([("y", "yes")], Now, version: null))).Pending);
        await version.Ingest([new TestBatch("first-model", "v1").Add(Now, 10, prediction: "yes", id: "y").Build()]);

        var second = await model.JoinLabels(Labels.Of([("y", "no")], Now, version: null));

        Assert.Equal(1, second.Duplicate);
        Assert.Equal(0, second.Joined);
        var outcomes = (await version.GetSummary(60)).Outcomes!;
        Assert.Equal(1, outcomes.Classification!.Count);
        Assert.Equal(1.0, outcomes.Classification.Accuracy);

        // The timer's retry finds nothing left to score twice.
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        await model.GetVersions();
        Assert.Equal(1, (await version.GetSummary(60)).Outcomes!.Classification!.Count);
    }
}
