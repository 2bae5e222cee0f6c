using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Tests.Windows;

/// <summary>
/// A checkpoint merges the one-record batches of a changed segment of the recent window into one batch: the window
/// then holds and writes a few arrays per segment, and every record reads back as it was, in order.
/// </summary>
public sealed class BatchMergeTests
{
    [Fact]
    public void Merged_batches_hold_the_same_records_in_order_with_features_missing_where_a_batch_lacked_them()
    {
        var a = new TestBatch("m", "v").Add(1, 10, 0.9, prediction: 1, id: "a", features: new() { ["x"] = 1.5, ["city"] = "Oslo" }).Build();
        var b = new TestBatch("m", "v").Add(2, 20, ok: false, error: "timeout", prediction: "cat", features: new() { ["y"] = null }).Build();
        var c = new TestBatch("m", "v").Add(3, 30).Add(4, 40, features: new() { ["x"] = 2.0 }).Build();

        var merged = BatchMerge.Merge([a, b, c]);

        Assert.Equal(Records([a, b, c]), Records([merged]));
        Assert.Equal(["x", "city", "y"], merged.Features.Select(f => f.Name));
        Assert.Equal([FeatureValueKind.Number, FeatureValueKind.Missing, FeatureValueKind.Missing, FeatureValueKind.Number], merged.Features[0].Kinds);
        Assert.Equal(new string?[] { null, "cat", null, null }, merged.Predictions.Labels!.AsEnumerable());
        Assert.Same(a, BatchMerge.Merge([a]));
    }

    [Fact]
    public void A_checkpoint_leaves_one_batch_per_changed_segment_and_the_window_reads_the_same()
    {
        var recent = new RecentBatches(1000);
        for (var i = 0; i < 300; i++)
        {
            recent.Add(new TestBatch("m", "v").Add(i, i, features: new() { ["x"] = (double)i }).Build());
        }

        var before = Newest(recent, 1000);
        var written = recent.TakeChanged();

        // 300 records in segments of 125: three segments, each now one batch, written as such.
        Assert.Equal(3, recent.Batches.Count);
        Assert.All(written, segment => Assert.Single(segment.Batches));
        Assert.Equal(300, written.Sum(segment => segment.Batches.Sum(batch => batch.Count)));
        Assert.Equal(before, Newest(recent, 1000));
        Assert.Equal(before.TakeLast(10), Newest(recent, 10));

        // More records after the checkpoint join the open segment, which the next checkpoint merges again.
        recent.Add(new TestBatch("m", "v").Add(300, 300, features: new() { ["x"] = 300.0 }).Build());
        Assert.Equal(4, recent.Batches.Count);
        Assert.Single(recent.TakeChanged().Single().Batches);
        Assert.Equal(3, recent.Batches.Count);
        Assert.Equal(301, Newest(recent, 1000).Count);
    }

    private static List<string> Newest(RecentBatches recent, int limit)
    {
        var records = new List<string>();
        recent.VisitNewest(limit, (batch, i) => records.Add(Record(batch, i)));
        return records;
    }

    private static List<string> Records(IEnumerable<PredictionBatch> batches) =>
        [.. batches.SelectMany(batch => Enumerable.Range(0, batch.Count).Select(i => Record(batch, i)))];

    private static string Record(PredictionBatch batch, int i)
    {
        var features = string.Join(",", batch.Features
            .Where(f => f.Kinds[i] != FeatureValueKind.Missing)
            .Select(f => $"{f.Name}={f.Kinds[i]}:{f.Numbers[i]}:{f.Texts?[i]}"));
        return $"{batch.TimestampsMs[i]} {batch.LatenciesMs[i]} {batch.Confidences[i]} {batch.Succeeded[i]} {batch.ErrorTypes[i]} " +
            $"{batch.Predictions.Numbers[i]}/{batch.Predictions.Labels?[i]} {batch.Ids[i]} [{features}]";
    }
}
