using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.History;
using Monitor.Grains.Windows;
using Orleans.Serialization;

namespace Monitor.Grains.Tests.History;

/// <summary>
/// A month of history as Monitor stored it before the history kept the hours' buckets and segments
/// (<c>TestData/history/history.2026-11.bin</c>: two hours, written by the state's serializer then): it still reads,
/// with points only, and the buckets of a new copy go in beside them.
/// </summary>
public sealed class StoredHistoryFormatTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(VersionHistoryState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static VersionHistoryState Stored() =>
        Serializer.Deserialize<VersionHistoryState>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "history", "history.2026-11.bin")))!;

    [Fact]
    public void A_month_stored_with_points_only_reads_with_its_points_and_no_buckets()
    {
        var state = Stored();

        Assert.Equal([November, November.AddHours(1)], state.Hours.Select(h => h.Time));
        Assert.Equal(120, state.Hours[0].TotalRequests);
        Assert.Equal(6, state.Hours[0].ErrorsByType["Timeout"]);
        Assert.Equal(0.9, state.Hours[0].Outcomes!.Accuracy);
        Assert.Equal(80, state.Hours[1].TotalRequests);
        Assert.Null(state.Buckets);
        Assert.Null(state.Segments);
    }

    [Fact]
    public void A_new_copy_adds_buckets_beside_the_stored_points_and_the_month_round_trips()
    {
        var state = Stored();
        var bucket = new MetricBucket(November.AddHours(2).ToUnixTimeMilliseconds());
        bucket.Add(12, succeeded: true, errorType: null, confidence: 0.8);

        state.Buckets = HourlyPoints.UpsertBuckets(state.Buckets ?? [], [bucket]);
        state.Segments = HourlySegments.Merge(state.Segments ?? [], [new SegmentBucketCounts(bucket.StartMs, "country", "DE", 1, 0)], 300_000);
        var read = Serializer.Deserialize<VersionHistoryState>(Serializer.SerializeToArray(state))!;

        Assert.Equal(2, read.Hours.Count);
        Assert.Equal(1, Assert.Single(read.Buckets!).Count);
        Assert.Equal(1, Assert.Single(read.Segments!).Requests);
    }
}
