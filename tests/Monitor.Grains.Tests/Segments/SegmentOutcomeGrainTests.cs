using Monitor.Grains.Segments;
using Monitor.Grains.Tests.Outcomes;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests.Segments;

/// <summary>Labels joined to a segment's predictions give the segment realized performance; its confidences give the estimate.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SegmentOutcomeGrainTests(ClusterFixture fixture)
{
    private long Now => fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task Each_segment_has_realized_and_estimated_performance_from_its_own_predictions()
    {
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("seg-outcomes", "v1"));
        Assert.True((await grain.SetSegmentSettings(new SegmentSettings { Keys = ["country"], TopK = 2 })).Accepted);
        var batch = new TestBatch("seg-outcomes", "v1");
        for (var i = 0; i < 10; i++)
        {
            batch.Add(Now - 10_000, 5, confidence: 0.9, prediction: 1, id: $"de{i}", features: new() { ["country"] = "DE" });
            batch.Add(Now - 10_000, 5, confidence: 0.6, prediction: 1, id: $"fr{i}", features: new() { ["country"] = "FR" });
        }

        batch.Add(Now - 10_000, 5, confidence: 0.5, prediction: 1, id: "none");
        await grain.Ingest([batch.Build()]);

        // DE: every label agrees; FR: half do; the record without a country is "other".
        var labels = Enumerable.Range(0, 10).SelectMany(i => new (string, object)[] { ($"de{i}", 1), ($"fr{i}", i % 2) }).Append(("none", 0)).ToArray();
        Assert.Equal(21, (await grain.JoinLabels(Labels.Of(labels, Now, "v1"))).Joined);

        var de = (await grain.GetSegmentSummary(new SegmentName("country", "DE"), 60)).Performance!;
        Assert.Equal(10, de.Labels);
        Assert.Equal(1.0, de.Classification!.Accuracy);
        Assert.Equal(0.9, de.Estimated!.Accuracy, 12);
        Assert.True(de.Estimated.Uncalibrated);
        var fr = (await grain.GetSegmentSummary(new SegmentName("country", "FR"), 60)).Performance!;
        Assert.Equal(0.5, fr.Classification!.Accuracy);
        Assert.Equal(0.6, fr.Estimated!.Accuracy, 12);
        var other = (await grain.GetSegmentSummary(new SegmentName("country", SegmentName.Other), 60)).Performance!;
        Assert.Equal(1, other.Labels);
        Assert.Equal(0.0, other.Classification!.Accuracy);

        var listing = (await grain.GetSegments(60)).Segments.ToDictionary(s => s.Segment);
        Assert.Equal(0.5, listing["country:FR"].Accuracy);
        Assert.Equal(0.6, listing["country:FR"].EstimatedAccuracy!.Value, 12);
        Assert.Equal(10, listing["country:DE"].Labels);

        // The comparison's side of a segment carries the same counts.
        var sample = await grain.GetSegmentSample(new SegmentName("country", "FR"), 60);
        Assert.Equal(10, sample.Predictions);
        Assert.Equal(10, sample.Classified);
        Assert.Equal(5, sample.Correct);
    }
}
