using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.Outcomes;
using Orleans.Serialization;

namespace Monitor.Grains.Tests.Outcomes;

public sealed class PredictionIndexTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void Finds_what_it_holds_and_nothing_else()
    {
        var index = new PredictionIndex(100, Week);
        index.Add(Key("a"), 1000, 0.9, 1, -1, failed: false);
        index.Add(Key("b"), 2000, double.NaN, double.NaN, 3, failed: true);

        Assert.True(index.TryFind(Key("a"), out var a));
        Assert.Equal(1000, index.TimeOf(a));
        Assert.Equal(0.9, index.ConfidenceOf(a));
        Assert.Equal(1, index.NumberOf(a));
        Assert.True(index.TryFind(Key("b"), out var b));
        Assert.Equal(3, index.ClassOf(b));
        Assert.True(index.Has(b, PredictionIndex.Failed));
        Assert.False(index.TryFind(Key("c"), out _));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void A_reused_id_joins_its_newest_prediction_and_is_counted()
    {
        var index = new PredictionIndex(100, Week);
        index.Add(Key("a"), 1000, 0.6, 0, -1, failed: false);
        index.Add(Key("a"), 2000, 0.8, 1, -1, failed: false);

        Assert.True(index.TryFind(Key("a"), out var slot));
        Assert.Equal(2000, index.TimeOf(slot));
        Assert.Equal(1, index.ReplacedIds);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Past_the_cap_the_oldest_leave_counted_and_are_remembered_as_late()
    {
        var index = new PredictionIndex(3000, Week);
        for (var i = 0; i < 5000; i++)
        {
            index.Add(Key($"p{i}"), i, 0.5, 1, -1, failed: false);
        }

        Assert.Equal(3000, index.Count);
        Assert.Equal(2000, index.EvictedByCap);
        Assert.False(index.TryFind(Key("p1999"), out _));
        Assert.True(index.TryFind(Key("p2000"), out _));
        Assert.True(index.TryFind(Key("p4999"), out _));
        for (var i = 0; i < 2000; i++)
        {
            Assert.True(index.WasEvicted(Key($"p{i}")));
        }

        // The filter's false positives stay near its 1% design rate.
        var falseLate = Enumerable.Range(0, 10_000).Count(i => index.WasEvicted(Key($"never{i}")));
        Assert.InRange(falseLate, 0, 250);
    }

    [Fact]
    public void Predictions_older_than_the_horizon_are_swept_in_arrival_order()
    {
        var index = new PredictionIndex(100, TimeSpan.FromHours(1));
        var hour = 3_600_000L;
        index.Add(Key("old"), 0, 0.5, 1, -1, failed: false);
        index.Add(Key("new"), hour, 0.5, 1, -1, failed: false);

        Assert.Equal(0, index.Sweep(hour));
        Assert.Equal(1, index.Sweep(hour + 1));
        Assert.False(index.TryFind(Key("old"), out _));
        Assert.True(index.WasEvicted(Key("old")));
        Assert.True(index.TryFind(Key("new"), out _));
        Assert.Equal(1, index.EvictedByHorizon);
    }

    [Fact]
    public void Flags_stay_with_their_prediction_while_the_ring_grows()
    {
        var index = new PredictionIndex(10_000, Week);
        index.Add(Key("first"), 1, 0.5, 1, -1, failed: false);
        Assert.True(index.TryFind(Key("first"), out var slot));
        index.Set(slot, PredictionIndex.Labeled | PredictionIndex.EventFlag(1));
        for (var i = 0; i < 5000; i++)
        {
            index.Add(Key($"p{i}"), i, 0.5, 1, -1, failed: false);
        }

        Assert.True(index.TryFind(Key("first"), out slot));
        Assert.True(index.Has(slot, PredictionIndex.Labeled));
        Assert.True(index.Has(slot, PredictionIndex.EventFlag(1)));
        Assert.False(index.Has(slot, PredictionIndex.EventFlag(0)));
    }

    [Fact]
    public void Survives_a_round_trip_through_the_storage_serializer()
    {
        var index = new PredictionIndex(2000, Week);
        for (var i = 0; i < 3000; i++)
        {
            index.Add(Key($"p{i}"), i, i / 3000.0, i % 2, -1, failed: false);
        }

        Assert.True(index.TryFind(Key("p2500"), out var labelled));
        index.Set(labelled, PredictionIndex.Labeled);

        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var copy = PredictionIndex.Restore(serializer.Deserialize<PredictionIndexSnapshot>(serializer.SerializeToArray(index.Snapshot()))!);

        Assert.Equal(2000, copy.Count);
        Assert.Equal(1000, copy.EvictedByCap);
        Assert.True(copy.WasEvicted(Key("p10")));
        Assert.True(copy.TryFind(Key("p2999"), out var last));
        Assert.Equal(2999, copy.TimeOf(last));
        Assert.True(copy.TryFind(Key("p2500"), out var again));
        Assert.True(copy.Has(again, PredictionIndex.Labeled));
        copy.Add(Key("after"), 5000, 0.5, 1, -1, failed: false);
        Assert.True(copy.TryFind(Key("after"), out _));
        Assert.False(copy.TryFind(Key("p1000"), out _));
    }

    [Fact]
    public void Id_keys_are_the_same_from_strings_and_from_utf8_bytes()
    {
        foreach (var id in new[] { "req-81f2", "ünïcødé-✓", "a", new string('x', 128) })
        {
            Assert.Equal(PredictionIdHash.Of(System.Text.Encoding.UTF8.GetBytes(id)), PredictionIdHash.Of(id));
            Assert.NotEqual(PredictionIdHash.None, PredictionIdHash.Of(id));
        }

        Assert.NotEqual(PredictionIdHash.Of("a"), PredictionIdHash.Of("b"));
    }

    [Fact]
    public void The_lookup_table_keeps_every_key_through_removals_and_growth()
    {
        // Keys that share their low bits collide on purpose, so removals must shift runs back correctly.
        var random = new Random(5);
        var table = new Dictionary<ulong, int>();
        var index = new PredictionIndex(4000, Week);
        var order = new Queue<ulong>();
        for (var i = 0; i < 20_000; i++)
        {
            var key = ((ulong)(uint)random.Next(1, 1 << 20) << 32) | ((uint)random.Next(0, 64) << 10) | 1UL;
            index.Add(key, i, 0.5, 1, -1, failed: false);
            table[key] = i;
            order.Enqueue(key);
            if (order.Count > 4000)
            {
                var gone = order.Dequeue();
                if (!order.Contains(gone))
                {
                    table.Remove(gone);
                }
            }
        }

        foreach (var (key, time) in table)
        {
            Assert.True(index.TryFind(key, out var slot));
            Assert.Equal(time, index.TimeOf(slot));
        }

        Assert.Equal(table.Count, index.Count);
    }

    private static ulong Key(string id) => PredictionIdHash.Of(id);
}
