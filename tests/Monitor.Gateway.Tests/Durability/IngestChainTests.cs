using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Durability;
using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>
/// A version that loses what it applied since its checkpoint (its silo died) gets the lost calls back from the
/// gateway's chain, in order and once each, whether it is busy or idle, and even when it dies again meanwhile.
/// </summary>
public sealed class IngestChainTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_version_restored_from_an_older_checkpoint_gets_the_lost_calls_again_before_the_next_one()
    {
        var version = new RestorableVersion();
        var chain = new IngestChain(version, "gw", keep: true, _time);
        var sequence = 0L;
        await chain.SendAsync([Batch(3)], new IngestToken("gw", ++sequence));
        await chain.SendAsync([Batch(4)], new IngestToken("gw", ++sequence));
        version.Checkpoint();
        await chain.SendAsync([Batch(5)], new IngestToken("gw", ++sequence));
        await chain.SendAsync([Batch(6)], new IngestToken("gw", ++sequence));

        version.Crash();
        Assert.Equal(7, version.Records);
        await chain.SendAsync([Batch(7)], new IngestToken("gw", ++sequence));

        Assert.Equal(3 + 4 + 5 + 6 + 7, version.Records);
        Assert.Equal([1, 2, 3, 4, 5], version.AppliedSequences);
    }

    [Fact]
    public async Task Calls_the_stored_checkpoint_holds_are_forgotten_from_its_answers()
    {
        var version = new RestorableVersion();
        var chain = new IngestChain(version, "gw", keep: true, _time);
        await chain.SendAsync([Batch(1)], new IngestToken("gw", 1));
        await chain.SendAsync([Batch(1)], new IngestToken("gw", 2));
        Assert.Equal(2, chain.Unsettled);

        version.Checkpoint();
        await chain.SendAsync([Batch(1)], new IngestToken("gw", 3));

        Assert.Equal(1, chain.Unsettled);
    }

    [Fact]
    public async Task An_idle_version_that_lost_calls_gets_them_back_when_settled()
    {
        var version = new RestorableVersion();
        var chain = new IngestChain(version, "gw", keep: true, _time);
        await chain.SendAsync([Batch(10)], new IngestToken("gw", 1));
        version.Checkpoint();
        await chain.SendAsync([Batch(20)], new IngestToken("gw", 2));
        version.Crash();

        Assert.Equal(1, await chain.SettleAsync());
        Assert.Equal(30, version.Records);
        Assert.Equal(0, await chain.SettleAsync());

        version.Checkpoint();
        Assert.Equal(0, await chain.SettleAsync());
        Assert.Equal(0, chain.Unsettled);
        Assert.Equal(30, version.Records);
    }

    [Fact]
    public async Task A_version_that_dies_again_while_calls_are_sent_again_still_gets_each_once()
    {
        var version = new RestorableVersion();
        var chain = new IngestChain(version, "gw", keep: true, _time);
        for (var i = 1; i <= 4; i++)
        {
            await chain.SendAsync([Batch(i)], new IngestToken("gw", i));
        }

        version.Crash();
        version.CrashAfterApplying(2);
        await Assert.ThrowsAsync<TimeoutException>(() => chain.SendAsync([Batch(5)], new IngestToken("gw", 5)));
        await chain.SendAsync([Batch(5)], new IngestToken("gw", 5));

        Assert.Equal(1 + 2 + 3 + 4 + 5, version.Records);
        Assert.Equal([1, 2, 3, 4, 5], version.AppliedSequences);
    }

    [Fact]
    public async Task Without_the_log_nothing_is_kept_and_a_gap_is_taken_as_it_is()
    {
        var version = new RestorableVersion();
        var chain = new IngestChain(version, "gw", keep: false, _time);
        await chain.SendAsync([Batch(3)], new IngestToken("gw", 1));
        version.Crash();
        await chain.SendAsync([Batch(4)], new IngestToken("gw", 2));

        Assert.Equal(0, chain.Unsettled);
        Assert.Equal(4, version.Records);
    }

    [Fact]
    public async Task A_retried_call_is_applied_and_kept_once()
    {
        var version = new RestorableVersion();
        var chain = new IngestChain(version, "gw", keep: true, _time);
        await chain.SendAsync([Batch(3)], new IngestToken("gw", 1));
        await chain.SendAsync([Batch(3)], new IngestToken("gw", 1));

        Assert.Equal(3, version.Records);
        Assert.Equal(1, chain.Unsettled);
    }

    [Fact]
    public async Task Settling_leaves_a_chain_that_is_sending_to_its_own_answer()
    {
        var version = new RestorableVersion();
        var chain = new IngestChain(version, "gw", keep: true, _time);
        await chain.SendAsync([Batch(1)], new IngestToken("gw", 1));
        version.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = chain.SendAsync([Batch(2)], new IngestToken("gw", 2));

        Assert.Equal(0, await chain.SettleAsync());
        Assert.Equal(0, version.MarksAsked);

        version.Hold.SetResult();
        await sending;
        Assert.Equal(3, version.Records);
    }

    private static PredictionBatch Batch(int count) => IngestLogFixtures.Batch("v1", count);
}
