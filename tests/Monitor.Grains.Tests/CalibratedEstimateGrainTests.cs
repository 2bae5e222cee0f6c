using Monitor.Grains.Drift;
using Monitor.Grains.Tests.Outcomes;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests;

/// <summary>The version grain calibrates its estimate on a labelled reference, keeps it across deactivation and drops it with the reference.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CalibratedEstimateGrainTests(ClusterFixture fixture)
{
    private long Now => fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task A_labelled_reference_calibrates_the_estimate_until_it_is_removed()
    {
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("overconfident", "v1"));

        // The model says 0.99 every time and is right 60% of the time.
        var change = await grain.SetReference(new ReferenceData
        {
            Features = [ReferenceColumn.Numeric("x", [.. Enumerable.Range(0, 100).Select(i => (double)i)])],
            Predictions = ReferenceColumn.Categorical("prediction", [.. Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? "a" : "b")]),
            Confidences = [.. Enumerable.Repeat(0.99, 100)],
            Labels = ReferenceColumn.Categorical("label", [.. Enumerable.Range(0, 100).Select(i => i % 10 < 6 ? (i % 2 == 0 ? "a" : "b") : (i % 2 == 0 ? "b" : "a"))]),
            Source = "json",
        });
        Assert.True(change.Accepted);
        Assert.Equal(100, change.Reference!.Calibration!.Rows);
        Assert.Equal(0.6, change.Reference.Calibration.Accuracy, 12);
        Assert.Equal(2, change.Reference.Labels!.Categories);

        var batch = new TestBatch("overconfident", "v1");
        for (var i = 0; i < 50; i++)
        {
            batch.Add(Now - 10_000, 5, confidence: 0.99, prediction: i % 2 == 0 ? "a" : "b", id: $"p{i}", features: new() { ["x"] = (double)i });
        }

        // A failed prediction with a confidence counts for neither the estimate nor the realized accuracy.
        batch.Add(Now - 10_000, 5, confidence: 0.2, ok: false, error: "timeout", prediction: "a", id: "failed");
        await grain.Ingest([batch.Build()]);

        // Before any label: the calibrated estimate, not the raw 0.99.
        var estimated = (await grain.GetSummary(60)).Outcomes!.Estimated!;
        Assert.False(estimated.Uncalibrated);
        Assert.Equal(0.6, estimated.Accuracy!.Value, 9);
        Assert.Equal(50, estimated.Predictions);
        Assert.Null(estimated.EstimateContradicted);

        // The reference and its calibration survive deactivation.
        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
        Assert.Equal(100, (await grain.GetReference())!.Calibration!.Rows);
        Assert.Equal(0.6, (await grain.GetSummary(60)).Outcomes!.Estimated!.Accuracy!.Value, 9);
        var series = await grain.GetTimeSeries(5, 60);
        Assert.Equal(0.6, series.Points.Single(p => p.Outcomes?.EstimatedAccuracy is not null).Outcomes!.EstimatedAccuracy!.Value, 9);

        // Labels that are all right fall far above the band: the estimate is contradicted.
        var joins = await grain.JoinLabels(Labels.Of([.. Enumerable.Range(0, 50).Select(i => ($"p{i}", (object)(i % 2 == 0 ? "a" : "b"))), ("failed", "a")], Now, "v1"));
        Assert.Equal(50, joins.Joined);
        Assert.Equal(1, joins.Unscorable);
        estimated = (await grain.GetSummary(60)).Outcomes!.Estimated!;
        Assert.True(estimated.EstimateContradicted);
        Assert.Equal(1.0, estimated.Metrics.Single(m => m.Metric == "accuracy").Realized);

        // Without the reference the estimate trusts the raw confidences again.
        await grain.DeleteReference();
        estimated = (await grain.GetSummary(60)).Outcomes!.Estimated!;
        Assert.True(estimated.Uncalibrated);
        Assert.Equal(0.99, estimated.Accuracy!.Value, 9);
        Assert.Null(estimated.CalibrationRows);
        Assert.False(estimated.EstimateContradicted);
    }

    [Fact]
    public async Task Labels_without_predictions_and_confidences_are_refused()
    {
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("overconfident", "bad"));

        var change = await grain.SetReference(new ReferenceData
        {
            Features = [ReferenceColumn.Numeric("x", [1, 2])],
            Labels = ReferenceColumn.Categorical("label", ["a", "b"]),
            Source = "json",
        });

        Assert.False(change.Accepted);
        Assert.Equal("labels", change.Problems.Single().Field);
        Assert.Null(await grain.GetReference());
    }
}
