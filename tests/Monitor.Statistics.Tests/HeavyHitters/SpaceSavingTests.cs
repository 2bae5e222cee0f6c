using Monitor.Statistics.HeavyHitters;

namespace Monitor.Statistics.Tests.HeavyHitters;

public sealed class SpaceSavingTests
{
    [Fact]
    public void Counts_are_exact_while_the_values_fit()
    {
        var summary = new SpaceSaving(4);
        foreach (var value in new[] { "DE", "FR", "DE", "US", "DE", "FR" })
        {
            Assert.Null(summary.Offer(value));
        }

        Assert.Equal(6, summary.Total);
        Assert.Equal([new HeavyHitter("DE", 3, 0), new HeavyHitter("FR", 2, 0), new HeavyHitter("US", 1, 0)], summary.Top(10));
        Assert.Equal([new HeavyHitter("DE", 3, 0)], summary.Top(1));
    }

    [Fact]
    public void A_new_value_takes_the_least_counter_and_inherits_its_count_as_error()
    {
        var summary = new SpaceSaving(2);
        summary.Offer("a", 5);
        summary.Offer("b", 2);

        Assert.Equal("b", summary.Offer("c"));

        Assert.False(summary.Contains("b"));
        Assert.Equal(new HeavyHitter("c", 3, 2), summary.Find("c"));
        Assert.Equal(1, summary.Find("c")!.Value.GuaranteedCount);
        Assert.Equal(8, summary.Total);
    }

    [Fact]
    public void Every_value_above_the_share_bound_is_tracked_and_counts_bound_the_truth()
    {
        // Zipf-like traffic over 500 countries, 8 counters: each value over Total / 8 must be tracked, and every
        // tracked count lies in [true, true + error].
        var random = new Random(7);
        var truth = new Dictionary<string, long>();
        var summary = new SpaceSaving(8);
        for (var i = 0; i < 50_000; i++)
        {
            var value = "c" + (int)Math.Floor(Math.Pow(random.NextDouble(), 4) * 500);
            truth[value] = truth.GetValueOrDefault(value) + 1;
            summary.Offer(value);
        }

        foreach (var (value, count) in truth.Where(t => t.Value > summary.Total / summary.Capacity))
        {
            Assert.True(summary.Contains(value), $"{value} ({count}) is a heavy hitter");
        }

        foreach (var hitter in summary.Entries())
        {
            var actual = truth.GetValueOrDefault(hitter.Value);
            Assert.InRange(actual, hitter.GuaranteedCount, hitter.Count);
        }

        Assert.Equal(truth.OrderByDescending(t => t.Value).First().Key, summary.Top(1)[0].Value);
    }

    [Fact]
    public void Restore_keeps_the_counters_and_drops_the_least_beyond_a_smaller_capacity()
    {
        var summary = new SpaceSaving(3);
        summary.Offer("x", 9);
        summary.Offer("y", 4);
        summary.Offer("z", 1);

        var same = SpaceSaving.Restore(3, summary.Total, summary.Entries());
        Assert.Equal(summary.Top(3), same.Top(3));
        Assert.Equal(14, same.Total);

        var smaller = SpaceSaving.Restore(2, summary.Total, summary.Entries());
        Assert.Equal(["x", "y"], smaller.Top(5).Select(h => h.Value));
        Assert.Equal("y", smaller.Offer("w"));
    }

    [Fact]
    public void Ties_are_ordered_by_value_so_the_top_is_stable()
    {
        var summary = new SpaceSaving(5);
        summary.Offer("b");
        summary.Offer("a");
        summary.Offer("c");

        Assert.Equal(["a", "b"], summary.Top(2).Select(h => h.Value));
    }

    [Fact]
    public void A_capacity_or_count_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpaceSaving(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpaceSaving(2).Offer("a", 0));
    }
}
