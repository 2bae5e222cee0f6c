using Monitor.Grains.History;

namespace Monitor.Grains.Tests.History;

/// <summary>Segment buckets counted into their hours once each, whatever the number of copies.</summary>
public sealed class HourlySegmentsTests
{
    private const long Width = 300_000;
    private static readonly long Hour = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Buckets_add_up_per_hour_and_segment_and_a_bucket_seen_again_is_not_added_twice()
    {
        var first = HourlySegments.Merge([], [new(Hour, "country", "DE", 5, 1), new(Hour + Width, "country", "DE", 3, 0), new(Hour, "country", "FR", 2, 2)], Width)!;
        var again = HourlySegments.Merge(first, [new(Hour + Width, "country", "DE", 3, 0), new(Hour + (2 * Width), "country", "DE", 4, 1)], Width)!;

        var germany = again.Single(h => h.Value == "DE");
        Assert.Equal(5 + 3 + 4, germany.Requests);
        Assert.Equal(1 + 1, germany.Errors);
        Assert.Equal(0b111, germany.Buckets);
        Assert.Equal(2, again.Single(h => h.Value == "FR").Requests);
        Assert.Null(HourlySegments.Merge(again, [new(Hour, "country", "FR", 2, 2)], Width));
    }

    [Fact]
    public void The_next_hour_starts_its_own_count()
    {
        var hours = HourlySegments.Merge([], [new(Hour + 3_600_000 - Width, "k", "a", 1, 0), new(Hour + 3_600_000, "k", "a", 2, 0)], Width)!;

        Assert.Equal([1L, 2L], hours.Select(h => h.Requests));
        Assert.Equal([1L << 11, 1L], hours.Select(h => h.Buckets));
    }

    [Theory]
    [InlineData(300_000, true)]
    [InlineData(60_000, true)]
    [InlineData(30_000, false)]
    [InlineData(7 * 60_000, false)]
    public void Bucket_widths_fit_when_they_divide_an_hour_into_at_most_64(long width, bool fits) => Assert.Equal(fits, HourlySegments.Fits(width));
}
