using Monitor.Statistics.Sketches;

namespace Monitor.Statistics.Tests.Sketches;

public sealed class PackedBinsTests
{
    [Theory]
    [InlineData(1, 10, 5)]
    [InlineData(2, 500, 3)]
    [InlineData(3, 2_000_000, 1_000_000)]
    public void Bins_read_back_as_packed(int seed, int spread, int maxCount)
    {
        var random = new Random(seed);
        var bins = new SortedDictionary<int, long>();
        for (var i = 0; i < 400; i++)
        {
            var index = random.Next(-spread, spread);
            bins[index] = bins.GetValueOrDefault(index) + random.Next(1, maxCount + 1);
        }

        bins[int.MaxValue] = long.MaxValue / 2;
        bins[int.MinValue] = 1;
        var list = bins.Select(b => (b.Key, b.Value)).ToList();
        var packed = PackedBins.Pack(list.Count, i => list[i]);

        var read = new List<(int, long)>();
        PackedBins.ForEach(packed, (index, count) => read.Add((index, count)));
        Assert.Equal(list, read);
    }

    [Fact]
    public void Close_bins_with_small_counts_take_about_two_bytes_each()
    {
        var packed = PackedBins.Pack(300, i => (1_000 + (2 * i), 1 + (i % 20)));
        Assert.InRange(packed.Length, 300 * 2, (300 * 2) + 4);
    }

    [Fact]
    public void Varints_zigzags_and_doubles_read_back_in_order()
    {
        var values = new ulong[] { 0, 1, 127, 128, 300, ulong.MaxValue };
        var signed = new long[] { 0, -1, 1, long.MinValue, long.MaxValue };
        var doubles = new[] { 0.0, -0.0, 1e-300, double.NaN, double.PositiveInfinity, 0.1 };
        var writer = new Varint(1);
        foreach (var v in values)
        {
            writer.Write(v);
        }

        foreach (var v in signed)
        {
            writer.WriteSigned(v);
        }

        foreach (var v in doubles)
        {
            writer.WriteDouble(v);
        }

        var bytes = writer.ToArray();
        Assert.Equal(1 + 1 + 1 + 2 + 2 + 10 + 1 + 1 + 1 + 10 + 10 + (6 * 8), bytes.Length);
        var reader = new Varint.Reader(bytes);
        foreach (var v in values)
        {
            Assert.Equal(v, reader.Read());
        }

        foreach (var v in signed)
        {
            Assert.Equal(v, reader.ReadSigned());
        }

        foreach (var v in doubles)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(reader.ReadDouble()));
        }

        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void Zero_counts_are_left_out_and_indices_must_ascend()
    {
        var packed = PackedBins.Pack(3, i => (i, i == 1 ? 0 : 7));
        var read = new List<(int, long)>();
        PackedBins.ForEach(packed, (index, count) => read.Add((index, count)));
        Assert.Equal(new List<(int, long)> { (0, 7), (2, 7) }, read);
        Assert.Empty(PackedBins.Pack(0, _ => (0, 0)));
        Assert.Throws<ArgumentException>(() => PackedBins.Pack(2, i => (5 - i, 1)));
    }
}
