using Monitor.Grains.Segments;

namespace Monitor.Grains.Tests.Segments;

public sealed class SegmentKeyBookTests
{
    private const long Width = 60_000;
    private const long T0 = 1_800_000_000_000;

    [Fact]
    public void The_top_k_values_are_segments_and_the_rest_is_other()
    {
        var book = new SegmentKeyBook("country", topK: 2, Width);
        Add(book, "DE", 50, latency: 5);
        Add(book, "FR", 30, latency: 20, failed: 3);
        Add(book, "US", 5);
        Add(book, null, 4);

        Assert.Equal(["DE", "FR"], book.Top().Select(h => h.Value));
        Assert.True(book.IsTop("FR"));
        Assert.False(book.IsTop("US"));
        Assert.Null(book.Series("US"));

        var fr = book.Series("FR")!.Total(T0);
        Assert.Equal(30, fr.Count);
        Assert.Equal(3, fr.Errors);
        Assert.Equal(20, fr.Latency.Quantile(0.5), 1);

        // US (tracked, outside the top 2) and the records without the key.
        Assert.Equal(9, book.Series(SegmentName.Other)!.Total(T0).Count);
        Assert.Equal(89, book.CountSince(T0));
    }

    [Fact]
    public void An_evicted_value_folds_into_other_so_no_record_is_lost()
    {
        // K = 1: two counters. A third value evicts the least counted one.
        var book = new SegmentKeyBook("device", topK: 1, Width);
        Add(book, "ios", 10);
        Add(book, "android", 2);
        Add(book, "web", 1);

        Assert.Equal(["ios"], book.Top().Select(h => h.Value));
        Assert.Equal(10, book.Series("ios")!.Total(T0).Count);
        Assert.Equal(3, book.Series(SegmentName.Other)!.Total(T0).Count);
        Assert.Equal(13, book.CountSince(T0));
    }

    [Fact]
    public void The_page_restores_the_same_figures_and_a_smaller_k_folds_values_into_other()
    {
        var book = new SegmentKeyBook("country", topK: 3, Width);
        Add(book, "DE", 40, latency: 7);
        Add(book, "FR", 20, latency: 9, failed: 5);
        Add(book, "NL", 10);

        var same = SegmentKeyBook.FromPage(book.ToPage(), 3, Width);
        Assert.Equal(book.Top(), same.Top());
        Assert.Equal(5, same.Series("FR")!.Total(T0).Errors);
        Assert.Equal(book.Series("DE")!.Total(T0).Latency.Quantile(0.95), same.Series("DE")!.Total(T0).Latency.Quantile(0.95));

        var smaller = SegmentKeyBook.FromPage(book.ToPage(), 1, Width);
        Assert.Equal(["DE"], smaller.Top().Select(h => h.Value));
        Assert.Equal(30, smaller.Series(SegmentName.Other)!.Total(T0).Count);
    }

    [Fact]
    public void Records_older_than_the_span_are_dropped_and_old_buckets_pruned()
    {
        var book = new SegmentKeyBook("country", topK: 2, Width);
        book.Add("DE", T0 - (10 * Width), oldestMs: T0 - (5 * Width), 5, true, 0.9, 0.5);
        book.Add("DE", T0 - (3 * Width), oldestMs: T0 - (5 * Width), 5, true, 0.9, 0.5);
        book.Add("DE", T0, oldestMs: T0 - (5 * Width), 5, true, 0.4, 0.5);
        Assert.Equal(2, book.Series("DE")!.Total(long.MinValue).Count);

        book.Prune(T0 - Width);
        var left = book.Series("DE")!.Total(long.MinValue);
        Assert.Equal(1, left.Count);
        Assert.Equal(1, left.LowConfidence);
    }

    [Fact]
    public void Segment_names_split_at_the_first_colon()
    {
        Assert.Equal(new SegmentName("url", "http://x"), SegmentName.Parse("url:http://x"));
        Assert.Null(SegmentName.Parse("country"));
        Assert.Null(SegmentName.Parse(":DE"));
        Assert.Null(SegmentName.Parse("country:"));
        Assert.True(SegmentName.Parse("country:other")!.IsOther);
    }

    private static void Add(SegmentKeyBook book, string? value, int count, double latency = 5, int failed = 0)
    {
        for (var i = 0; i < count; i++)
        {
            book.Add(value, T0 + i, T0 - Width, latency, i >= failed, 0.9, 0.5);
        }
    }
}
