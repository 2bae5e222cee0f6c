using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Durability;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>Group commit, fsync modes, segment rolling and write failures of the ingest log writer.</summary>
public sealed class IngestLogWriterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, HeldSegmentFile> _files = [];
    private readonly SegmentCoverage _coverage = new();
    private readonly IngestLogFormat _format = IngestLogFixtures.Format();

    [Fact]
    public async Task Calls_that_arrive_during_a_write_share_the_next_write_and_keep_their_order()
    {
        using var writer = Writer(new DurabilityOptions());
        var file = _files.Values.Single();
        file.Release.Reset();
        var first = writer.Append("churn/v1", new IngestToken("g", 1), [IngestLogFixtures.Batch("v1", 2)]);
        file.Writing.Wait();
        var queued = Enumerable.Range(2, 10).Select(i => writer.Append($"churn/v{i % 3}", new IngestToken("g", i), [IngestLogFixtures.Batch("v1", 1)])).ToList();
        Assert.All(queued, t => Assert.False(t.IsCompleted));
        file.Release.Set();
        await Task.WhenAll([first, .. queued]);

        Assert.Equal(2, file.Writes);
        Assert.Equal(11, writer.Appended);
        var directory = IngestLogFixtures.TempDirectory();
        var path = Path.Combine(directory, "copy.wal");
        File.WriteAllBytes(path, file.Bytes);
        var read = new IngestLogReader(_format).Read(path);
        Directory.Delete(directory, recursive: true);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), read.Entries.Select(e => e.Token.Sequence));
        Assert.Null(read.Torn);
    }

    [Fact]
    public async Task Fsync_per_batch_syncs_each_group_write_before_the_calls_complete()
    {
        using var writer = Writer(new DurabilityOptions { Fsync = FsyncMode.Batch });
        await writer.Append("churn/v1", new IngestToken("g", 1), [IngestLogFixtures.Batch("v1", 2)]);
        await writer.Append("churn/v1", new IngestToken("g", 2), [IngestLogFixtures.Batch("v1", 2)]);

        var file = _files.Values.Single();
        Assert.Equal(2, file.Writes);
        Assert.Equal(2, file.Syncs);
    }

    [Fact]
    public async Task Fsync_per_interval_syncs_only_what_was_written_since_the_last_sync()
    {
        using var writer = Writer(new DurabilityOptions { Fsync = FsyncMode.Interval });
        var file = _files.Values.Single();
        writer.SyncIfDue();
        Assert.Equal(0, file.Syncs);
        await writer.Append("churn/v1", new IngestToken("g", 1), [IngestLogFixtures.Batch("v1", 2)]);
        Assert.Equal(0, file.Syncs);

        writer.SyncIfDue();
        writer.SyncIfDue();

        Assert.Equal(1, file.Syncs);
    }

    [Fact]
    public async Task A_segment_is_closed_once_it_is_old_enough_and_holds_something_or_is_full()
    {
        using var writer = Writer(new DurabilityOptions { SegmentAge = TimeSpan.FromSeconds(10), SegmentBytes = 64 * 1024 });
        _time.Advance(TimeSpan.FromSeconds(30));
        writer.RollIfOld();
        Assert.Equal(1, writer.CurrentSegment);

        await writer.Append("churn/v1", new IngestToken("g", 1), [IngestLogFixtures.Batch("v1", 2)]);
        writer.RollIfOld();
        Assert.Equal(2, writer.CurrentSegment);
        await writer.Append("churn/v1", new IngestToken("g", 2), [IngestLogFixtures.Batch("v1", 2)]);
        _time.Advance(TimeSpan.FromSeconds(9));
        writer.RollIfOld();
        Assert.Equal(2, writer.CurrentSegment);

        // A call that would take the segment past its size starts the next one.
        await writer.Append("churn/v1", new IngestToken("g", 3), [IngestLogFixtures.Batch("v1", 3000)]);
        Assert.Equal(3, writer.CurrentSegment);
    }

    [Fact]
    public async Task A_failed_write_fails_its_calls_pauses_ingest_and_continues_in_a_new_segment()
    {
        using var writer = Writer(new DurabilityOptions());
        _files.Values.Single().Fail = true;

        await Assert.ThrowsAsync<IOException>(() => writer.Append("churn/v1", new IngestToken("g", 1), [IngestLogFixtures.Batch("v1", 2)]));

        Assert.False(writer.IsWritable);
        Assert.Equal(2, writer.CurrentSegment);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(writer.IsWritable);
        await writer.Append("churn/v1", new IngestToken("g", 2), [IngestLogFixtures.Batch("v1", 2)]);
        Assert.Equal(1, _files[IngestLogWriter.SegmentPath("/log", 2)].Writes);
    }

    private IngestLogWriter Writer(DurabilityOptions options)
    {
        var writer = new IngestLogWriter("/log", _format, options, _time, _coverage, NullLogger<IngestLogWriter>.Instance, path =>
        {
            var file = new HeldSegmentFile();
            _files[path] = file;
            return file;
        });
        writer.Open(1);
        return writer;
    }
}
