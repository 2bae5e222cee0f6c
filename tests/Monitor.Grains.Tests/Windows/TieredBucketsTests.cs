using Monitor.Grains.Windows;

namespace Monitor.Grains.Tests.Windows;

public sealed class TieredBucketsTests
{
    private const long Second = 1000;
    private const long Minute = 60 * Second;
    private static readonly long Now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static TieredBuckets Create() =>
        new(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));

    [Fact]
    public void Records_of_one_interval_share_a_bucket()
    {
        var buckets = Create();
        var a = buckets.BucketFor(Now - 3 * Second, Now);
        var b = buckets.BucketFor(Now - 1 * Second, Now);
        Assert.Same(a, b);
        Assert.Equal(Now - 10 * Second, a!.StartMs);
    }

    [Fact]
    public void Old_fine_buckets_roll_into_coarse_ones_without_double_counting()
    {
        var buckets = Create();
        long t = Now - (3 * 60 * Minute);
        for (var step = 0; step < 3 * 360; step++, t += 10 * Second)
        {
            buckets.BucketFor(t, t)!.Add(10, true, null, double.NaN);
        }

        var last = t - 10 * Second;
        var total = Sum(buckets.Covering(last - 24 * 60 * Minute, last + Second, last));
        Assert.Equal(3 * 360, total);
        var lastHour = Sum(buckets.Covering(last - 60 * Minute + 10 * Second, last + Second, last));
        Assert.Equal(360, lastHour);
        Assert.True(buckets.AllocatedBuckets <= 362 + 288);
    }

    [Fact]
    public void Records_past_the_retention_have_no_bucket()
    {
        var buckets = Create();
        Assert.Null(buckets.BucketFor(Now - 25 * 60 * Minute, Now));
        Assert.NotNull(buckets.BucketFor(Now - 23 * 60 * Minute, Now));
    }

    [Fact]
    public void Memory_stays_bounded_over_days_of_traffic()
    {
        var buckets = Create();
        for (long t = Now; t < Now + (3 * 24 * 60 * Minute); t += 10 * Second)
        {
            buckets.BucketFor(t, t)!.Add(5, true, null, 0.5);
        }

        Assert.True(buckets.AllocatedBuckets <= 362 + 288);
    }

    [Fact]
    public void Sketch_memory_follows_the_records_and_levels_off_once_the_retention_is_full()
    {
        // 5 records/s with latencies over nine orders of magnitude: a dense sketch would span ~2,000
        // bins in every bucket. Held sparsely, a fine bucket's 50 records take at most 64 bins.
        var buckets = Create();
        var random = new Random(11);
        var footprint = new List<long>();
        var t = Now;
        for (var day = 0; day < 3; day++)
        {
            for (var end = t + (24 * 60 * Minute); t < end; t += 200)
            {
                buckets.BucketFor(t, t)!.Add(Math.Pow(10, -3 + (9 * random.NextDouble())), true, null, double.NaN);
            }

            footprint.Add(buckets.Covering(t - (24 * 60 * Minute), t + 1, t).Sum(b => b.Latency.FootprintBytes));
        }

        var fine = buckets.Covering(t - (50 * Minute), t + 1, t).Sum(b => b.Latency.FootprintBytes);
        Assert.InRange(fine, 0, 362 * 64 * 12);
        Assert.InRange(footprint[2], footprint[1] * 0.95, footprint[1] * 1.05);
    }

    private static long Sum(IEnumerable<MetricBucket> buckets) => buckets.Sum(b => b.Count);
}
