using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Durability;
using Monitor.Gateway.Routing;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>
/// Calls a restarted gateway replays from its log are held as live calls are: a version whose silo dies before its
/// checkpoint holds them gets them back from the gateway, and the gateway forgets them once the checkpoint holds them.
/// </summary>
public sealed class ReplayedCallsTests : IDisposable
{
    private const string Version = "churn/v1";
    private const string EarlierProcess = "earlier";

    private readonly string _directory = IngestLogFixtures.TempDirectory();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly DurabilityOptions _options = new();
    private readonly SegmentCoverage _coverage = new();
    private readonly RestorableVersion _version = new();
    private readonly IngestChains _chains;

    public ReplayedCallsTests() => _chains = new IngestChains(_ => _version, _options, _time, new IngestLogMetrics());

    [Fact]
    public async Task A_version_whose_silo_dies_after_the_replay_gets_the_replayed_calls_again()
    {
        await LeaveLogAsync(3, 4, 5);
        await ReplayAsync();
        Assert.Equal(12, _version.Records);

        // Its silo dies before the version's next checkpoint: it is restored without the replayed calls.
        _version.Crash();
        Assert.Equal(0, _version.Records);
        _time.Advance(_options.TruncateInterval + TimeSpan.FromSeconds(1));

        var round = await _chains.SettleIdleAsync(_time.GetUtcNow() - _options.TruncateInterval);

        Assert.Equal(3, round.Resent);
        Assert.Equal(12, _version.Records);
        Assert.Equal([1, 2, 3], _version.AppliedSequences);
    }

    [Fact]
    public async Task Replayed_calls_are_forgotten_once_the_version_has_checkpointed_them()
    {
        await LeaveLogAsync(3, 4);
        await ReplayAsync();
        Assert.Equal(1, _chains.Replayed);

        _version.Checkpoint();
        _time.Advance(_options.TruncateInterval + TimeSpan.FromSeconds(1));
        var round = await _chains.SettleIdleAsync(_time.GetUtcNow() - _options.TruncateInterval);

        Assert.Equal(0, round.Resent);
        Assert.Equal(0, _chains.Replayed);
        Assert.Empty(_chains.IdleUnsettled(_time.GetUtcNow()));
        Assert.Equal(7, _version.Records);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // What an earlier process of the gateway left in its log when it was killed: one call per count.
    private async Task LeaveLogAsync(params int[] counts)
    {
        using var writer = new IngestLogWriter(_directory, IngestLogFixtures.Format(), _options, _time, new SegmentCoverage(), NullLogger<IngestLogWriter>.Instance);
        writer.Open(1);
        for (var i = 0; i < counts.Length; i++)
        {
            await writer.Append(Version, new IngestToken(EarlierProcess, i + 1), [IngestLogFixtures.Batch("v1", counts[i])]);
        }
    }

    private async Task ReplayAsync()
    {
        var retry = new ClusterRetry(Options.Create(new GatewayIngestOptions()), _time, NullLogger<ClusterRetry>.Instance);
        var replay = new IngestLogReplay(
            new IngestLogReader(IngestLogFixtures.Format()), _coverage, _chains, _version, retry, _options, new IngestLogMetrics(), NullLogger<IngestLogReplay>.Instance);
        await replay.ReplayAsync(IngestLogService.SegmentsOnDisk(_directory), CancellationToken.None);
    }
}
