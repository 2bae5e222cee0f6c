using Monitor.Gateway.Durability;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>The ingest log's entries on disk: read back as written, and a torn or damaged end is found, not fatal.</summary>
public sealed class IngestLogFormatTests : IDisposable
{
    private readonly string _directory = IngestLogFixtures.TempDirectory();
    private readonly IngestLogFormat _format = IngestLogFixtures.Format();

    [Fact]
    public void An_entry_reads_back_with_its_version_token_and_every_column()
    {
        var written = new IngestLogEntry("churn/v1", new IngestToken("gateway-a", 42), [IngestLogFixtures.Batch("v1", 7), IngestLogFixtures.Batch("v1", 1, 99)]);
        var path = Segment(_format.Encode(written).ToArray());

        var read = new IngestLogReader(_format).Read(path);

        Assert.Null(read.Torn);
        var entry = Assert.Single(read.Entries);
        Assert.Equal("churn/v1", entry.VersionKey);
        Assert.Equal(new IngestToken("gateway-a", 42), entry.Token);
        Assert.Equal([7, 1], entry.Batches.Select(b => b.Count));
        Assert.Equal(written.Batches[0].LatenciesMs, entry.Batches[0].LatenciesMs);
        Assert.Equal(written.Batches[0].Ids, entry.Batches[0].Ids);
        Assert.Equal(written.Batches[0].ErrorTypes, entry.Batches[0].ErrorTypes);
        Assert.Equal(written.Batches[1].TimestampsMs, entry.Batches[1].TimestampsMs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(40)]
    public void A_last_entry_cut_off_is_reported_and_the_whole_ones_before_it_are_read(int keptBytes)
    {
        var whole = Enumerable.Range(1, 3).Select(i => _format.Encode(Entry(i)).ToArray()).ToList();
        var cut = _format.Encode(Entry(4)).ToArray()[..keptBytes];
        var path = Segment([.. whole, cut]);

        var read = new IngestLogReader(_format).Read(path);

        Assert.Equal([1L, 2, 3], read.Entries.Select(e => e.Token.Sequence));
        Assert.NotNull(read.Torn);
        Assert.Equal(whole.Sum(w => w.Length), read.Torn.Offset);
        Assert.Equal(keptBytes, read.Torn.Bytes);
    }

    [Fact]
    public void A_damaged_entry_ends_the_segment_there()
    {
        var second = _format.Encode(Entry(2)).ToArray();
        second[^3] ^= 0x40;
        var path = Segment(_format.Encode(Entry(1)).ToArray(), second, _format.Encode(Entry(3)).ToArray());

        var read = new IngestLogReader(_format).Read(path);

        Assert.Equal([1L], read.Entries.Select(e => e.Token.Sequence));
        Assert.NotNull(read.Torn);
    }

    [Fact]
    public void Zeros_after_the_last_entry_are_a_torn_end()
    {
        var path = Segment(_format.Encode(Entry(1)).ToArray(), new byte[4096]);

        var read = new IngestLogReader(_format).Read(path);

        Assert.Single(read.Entries);
        Assert.Equal(4096, read.Torn!.Bytes);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IngestLogEntry Entry(long sequence) => new("churn/v1", new IngestToken("g", sequence), [IngestLogFixtures.Batch("v1", 3)]);

    private string Segment(params byte[][] parts)
    {
        var path = IngestLogWriter.SegmentPath(_directory, 1);
        File.WriteAllBytes(path, [.. parts.SelectMany(p => p)]);
        return path;
    }
}
