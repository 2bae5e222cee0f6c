using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Durability;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>The log is as long as the checkpoints need: a segment goes once every version's checkpoint holds its calls.</summary>
public sealed class IngestLogTruncationTests : IDisposable
{
    private readonly string _directory = IngestLogFixtures.TempDirectory();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly SegmentCoverage _coverage = new();
    private readonly Marks _marks = new();

    [Fact]
    public async Task A_segment_is_deleted_once_it_is_closed_and_every_version_checkpointed_past_it()
    {
        using var writer = new IngestLogWriter(
            _directory, IngestLogFixtures.Format(), new DurabilityOptions { SegmentAge = TimeSpan.FromSeconds(10) }, _time, _coverage, NullLogger<IngestLogWriter>.Instance);
        writer.Open(1);
        var truncation = new IngestLogTruncation(_directory, writer, _coverage, _marks, NullLogger<IngestLogTruncation>.Instance);
        await writer.Append("churn/v1", new IngestToken("g", 1), [IngestLogFixtures.Batch("v1", 2)]);
        await writer.Append("churn/v2", new IngestToken("g", 1), [IngestLogFixtures.Batch("v2", 2)]);
        await writer.Append("churn/v1", new IngestToken("g", 2), [IngestLogFixtures.Batch("v1", 2)]);

        // Both versions have checkpointed everything, but the segment is still being written (and young).
        _marks.Set("churn/v1", "g", 2);
        _marks.Set("churn/v2", "g", 1);
        Assert.Empty(await truncation.TruncateAsync(CancellationToken.None));
        Assert.Empty(_marks.Asked);

        // Old enough: closed, and the versions are asked; v1's checkpoint holds only its first call.
        _time.Advance(TimeSpan.FromSeconds(10));
        _marks.Set("churn/v1", "g", 1);
        Assert.Empty(await truncation.TruncateAsync(CancellationToken.None));
        Assert.Equal(["churn/v1", "churn/v2"], _marks.Asked.Order());
        Assert.True(File.Exists(IngestLogWriter.SegmentPath(_directory, 1)));
        await writer.Append("churn/v2", new IngestToken("g", 2), [IngestLogFixtures.Batch("v2", 2)]);

        // v2 is not asked again (its mark is known); v1 now holds its second call too.
        _marks.Asked.Clear();
        _marks.Set("churn/v1", "g", 2);
        Assert.Equal([1L], await truncation.TruncateAsync(CancellationToken.None));
        Assert.Equal(["churn/v1"], _marks.Asked);
        Assert.False(File.Exists(IngestLogWriter.SegmentPath(_directory, 1)));
        Assert.True(File.Exists(IngestLogWriter.SegmentPath(_directory, 2)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_version_that_cannot_be_asked_keeps_its_segments(bool callCancelled)
    {
        using var writer = new IngestLogWriter(
            _directory, IngestLogFixtures.Format(), new DurabilityOptions { SegmentAge = TimeSpan.FromSeconds(1) }, _time, _coverage, NullLogger<IngestLogWriter>.Instance);
        writer.Open(1);
        var truncation = new IngestLogTruncation(_directory, writer, _coverage, _marks, NullLogger<IngestLogTruncation>.Instance);
        await writer.Append("churn/v1", new IngestToken("g", 1), [IngestLogFixtures.Batch("v1", 2)]);
        _time.Advance(TimeSpan.FromSeconds(1));

        // A cancelled grain call is an unreachable version as well, not the end of the round.
        _marks.Failure = callCancelled ? new TaskCanceledException("the call was cancelled") : new TimeoutException("the silo does not answer");
        Assert.Empty(await truncation.TruncateAsync(CancellationToken.None));

        _marks.Failure = null;
        _marks.Set("churn/v1", "g", 1);
        Assert.Equal([1L], await truncation.TruncateAsync(CancellationToken.None));
    }

    [Fact]
    public void Coverage_waits_for_each_gateway_of_a_version_separately()
    {
        _coverage.Open(1);
        _coverage.Add(1, new CallSource("churn/v1", "old"), 7);
        _coverage.Add(1, new CallSource("churn/v1", "new"), 3);
        _coverage.Close(1);
        _coverage.Learn(new CallSource("churn/v1", "new"), 9);

        Assert.Equal([new CallSource("churn/v1", "old")], _coverage.Waiting());
        Assert.Empty(_coverage.TakeCovered());
        _coverage.Learn(new CallSource("churn/v1", "old"), 7);
        Assert.Equal([1L], _coverage.TakeCovered());
        Assert.Equal(0, _coverage.Segments);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class Marks : ICheckpointMarks
    {
        private readonly Dictionary<CallSource, long> _marks = [];

        public List<string> Asked { get; } = [];

        public Exception? Failure { get; set; }

        public void Set(string version, string sender, long mark) => _marks[new CallSource(version, sender)] = mark;

        public Task<long> Get(CallSource source)
        {
            if (Failure is { } failure)
            {
                throw failure;
            }

            Asked.Add(source.VersionKey);
            return Task.FromResult(_marks.GetValueOrDefault(source));
        }
    }
}
