using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.Windows;
using Orleans.Serialization;

namespace Monitor.Grains.Tests.Windows;

public sealed class SketchStoreTests
{
    [Fact]
    public void Memory_follows_the_occupied_bins_not_the_range_of_the_values()
    {
        // Two values 1e-8 and 1e300 are 140,000 bins apart: a dense array would hold them all.
        var sketch = new QuantileSketch();
        sketch.Add(1e-8);
        sketch.Add(1e300);
        sketch.Add(-1e300);
        sketch.Add(-1e-8);
        Assert.InRange(sketch.FootprintBytes, 0, 256);
        Assert.Equal(1e300, sketch.Quantile(1));
        Assert.Equal(-1e300, sketch.Quantile(0));
    }

    [Fact]
    public void A_few_dozen_latencies_are_held_sparsely()
    {
        // A 10-second bucket at 5 records/s: 50 latencies over a few hundred bins.
        var random = new Random(3);
        var sketch = new QuantileSketch();
        for (var i = 0; i < 50; i++)
        {
            sketch.Add(Gamma(random));
        }

        Assert.InRange(sketch.FootprintBytes, 0, 64 * 12);
    }

    [Fact]
    public void Many_bins_close_together_are_held_densely()
    {
        var store = new SketchStore();
        for (var index = 100; index < 400; index++)
        {
            store.Add(index, 1);
        }

        Assert.False(store.IsSparse);
        Assert.InRange(store.FootprintBytes, 300 * 8, 300 * 8 * 3 / 2);
    }

    [Fact]
    public void A_far_outlier_turns_a_dense_store_sparse_again()
    {
        var store = new SketchStore();
        for (var index = 100; index < 400; index++)
        {
            store.Add(index, 2);
        }

        store.Add(70_000, 1);
        Assert.True(store.IsSparse);
        Assert.InRange(store.FootprintBytes, 0, 2 * 301 * 12);
        Assert.Equal(1, store.CountAt(70_000));
        Assert.Equal(2, store.CountAt(250));
        Assert.Equal(601, store.Total);
        Assert.Equal(70_000, store.IndexOfRank(600));
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(2, 400)]
    [InlineData(3, 100_000)]
    [InlineData(4, 3_000)]
    public void Counts_and_ranks_match_a_plain_tally_through_every_change_of_form(int seed, int spread)
    {
        var random = new Random(seed);
        var stores = Enumerable.Range(0, 6).Select(_ => new SketchStore()).ToArray();
        var tallies = Enumerable.Range(0, 6).Select(_ => new SortedDictionary<int, long>()).ToArray();
        for (var step = 0; step < 3_000; step++)
        {
            var k = random.Next(stores.Length);
            var index = random.Next(-spread, spread) + (random.Next(20) == 0 ? random.Next(-200_000, 200_000) : 0);
            var count = random.Next(1, 4);
            stores[k].Add(index, count);
            tallies[k][index] = tallies[k].GetValueOrDefault(index) + count;
            if (random.Next(250) == 0)
            {
                // A bucket whose interval is over is packed; later records and merges unpack it.
                stores[k].Pack();
                Assert.True(stores[k].IsPacked);
                AssertMatches(tallies[k], stores[k]);
            }
            if (step % 500 == 499)
            {
                // Merge one store into another, in whatever forms they are in now.
                var (into, from) = (random.Next(stores.Length), random.Next(stores.Length));
                if (into != from)
                {
                    stores[into].Merge(stores[from]);
                    foreach (var (i, c) in tallies[from])
                    {
                        tallies[into][i] = tallies[into].GetValueOrDefault(i) + c;
                    }
                }
            }
        }

        for (var k = 0; k < stores.Length; k++)
        {
            AssertMatches(tallies[k], stores[k]);
            AssertMatches(tallies[k], stores[k].Copy());
        }
    }

    [Fact]
    public void Both_forms_survive_the_checkpoint_serializer()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(SketchStore).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
        var sparse = new SketchStore();
        sparse.Add(5, 3);
        sparse.Add(90_000, 1);
        var dense = new SketchStore();
        for (var i = 0; i < 100; i++)
        {
            dense.Add(i, i + 1);
        }

        var packed = dense.Copy();
        packed.Pack();
        foreach (var store in new[] { sparse, dense, packed })
        {
            var copy = serializer.Deserialize<SketchStore>(serializer.SerializeToArray(store))!;
            Assert.Equal(store.IsSparse, copy.IsSparse);
            Assert.Equal(store.IsPacked, copy.IsPacked);
            var expected = new SortedDictionary<int, long>();
            store.ForEachBin((i, c) => expected[i] = c);
            AssertMatches(expected, copy);
        }
    }

    [Fact]
    public void A_packed_store_takes_about_two_bytes_a_bin_and_answers_as_before()
    {
        // A 5-minute bucket at 5 records/s: 1,500 latencies, held densely over several hundred bins.
        var random = new Random(5);
        var sketch = new QuantileSketch();
        for (var i = 0; i < 1_500; i++)
        {
            sketch.Add(Gamma(random));
        }

        var before = sketch.FootprintBytes;
        var quantiles = new[] { 0, 0.01, 0.5, 0.9, 0.99, 0.999, 1 }.Select(sketch.Quantile).ToArray();
        var groups = sketch.Groups();
        sketch.Pack();
        Assert.InRange(sketch.FootprintBytes, 1, before / 4);
        Assert.Equal(quantiles, new[] { 0, 0.01, 0.5, 0.9, 0.99, 0.999, 1 }.Select(sketch.Quantile));
        Assert.Equal(groups.Values, sketch.Groups().Values);
        Assert.Equal(groups.Counts, sketch.Groups().Counts);

        var merged = new QuantileSketch();
        merged.Merge(sketch);
        sketch.Add(12.5);
        merged.Add(12.5);
        Assert.Equal(merged.Groups().Counts, sketch.Groups().Counts);
        Assert.Equal(1_501, sketch.Count);
    }

    private static void AssertMatches(SortedDictionary<int, long> tally, SketchStore store)
    {
        var bins = new List<(int, long)>();
        store.ForEachBin((i, c) => bins.Add((i, c)));
        Assert.Equal(tally.Select(kv => (kv.Key, kv.Value)), bins);
        Assert.Equal(tally.Values.Sum(), store.Total);
        long below = 0;
        foreach (var (index, count) in tally)
        {
            Assert.Equal(count, store.CountAt(index));
            Assert.Equal(index, store.IndexOfRank(below));
            Assert.Equal(index, store.IndexOfRank(below + count - 1));
            Assert.Equal(index, store.IndexOfRankFromTop(store.Total - below - count));
            below += count;
        }
    }

    private static double Gamma(Random random) => -15 * (Math.Log(1 - random.NextDouble()) + Math.Log(1 - random.NextDouble()));
}
