using Monitor.Grains.Outcomes;
using Xunit.Abstractions;

namespace Monitor.Grains.Tests.Outcomes;

/// <summary>
/// What one held prediction id really costs in the join index: the bytes this thread allocates to hold N
/// ids (the ring's columns, the lookup table, the arrays discarded while both grow by doubling, and once
/// ids have left, the filter of departed ids), divided by N. Counted per thread, so tests running beside
/// it do not change the figure. The figures are printed; docs/outcomes.md quotes them.
/// </summary>
public sealed class JoinIndexCostTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1_000_000, 1_000_000)]
    [InlineData(1_000_000, 600_000)]
    [InlineData(1_000_000, 2_000_000)]
    public void The_bytes_per_held_id_are_measured(int capacity, int added)
    {
        var keys = new ulong[added];
        var times = new long[added];
        var numbers = new double[added];
        var classes = new int[added];
        var failed = new bool[added];
        var random = new Random(7);
        for (var i = 0; i < added; i++)
        {
            keys[i] = (ulong)random.NextInt64(1, long.MaxValue);
            times[i] = i;
            classes[i] = -1;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var index = new PredictionIndex(capacity, TimeSpan.FromDays(7));
        index.AddAll(keys, times, numbers, numbers, classes, failed, default);
        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(index);

        var held = index.Count;
        var perId = (after - before) / (double)held;
        output.WriteLine($"capacity {capacity:N0}, added {added:N0}, held {held:N0}: {after - before:N0} bytes, {perId:F1} bytes per held id");
        Assert.Equal(Math.Min(capacity, added), held);

        // Columns alone are 40 bytes an entry; the table, growth by doubling and the departed-id filter add to it.
        Assert.InRange(perId, 40, 400);
    }
}
