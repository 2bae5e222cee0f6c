using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Durability;

/// <summary>
/// One version's ingest calls from this gateway, sent as a chain, with the calls its stored checkpoint does not
/// hold yet kept in memory (they are in the ingest log as well). When the version answers that it misses calls
/// (its silo died and it was restored from its checkpoint elsewhere), they are sent again in order, with their
/// tokens, before the call at hand: every acknowledged record ends up in the version once.
/// </summary>
/// <remarks>
/// Calls go one at a time (the version's queue sends them in order; <see cref="SettleAsync"/> for an idle
/// version takes the same gate). A call that failed is never kept: it was not acknowledged.
/// </remarks>
public sealed class IngestChain(IVersionIngestChainGrain grain, string sender, bool keep, TimeProvider time, IngestLogMetrics? metrics = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<(IngestToken Token, PredictionBatch[] Batches)> _unsettled = [];
    private long _applied;
    private long _lastSentTicks;
    private int _unsettledCount;

    /// <summary>Calls sent and kept that the version's stored checkpoint does not hold yet, as far as this gateway knows.</summary>
    public int Unsettled => Volatile.Read(ref _unsettledCount);

    /// <summary>When the last call was sent (the settlement leaves busy chains alone: their answers settle them).</summary>
    public DateTimeOffset LastSent => new(Interlocked.Read(ref _lastSentTicks), TimeSpan.Zero);

    /// <summary>Sends the call (after any missing ones); safe to repeat with the same token through a retry.</summary>
    public async Task SendAsync(PredictionBatch[] batches, IngestToken token)
    {
        await _gate.WaitAsync();
        try
        {
            Interlocked.Exchange(ref _lastSentTicks, time.GetUtcNow().UtcTicks);
            while (true)
            {
                var receipt = await grain.IngestFollowing(batches, token, _applied);
                Settled(receipt.CheckpointMark);
                if (receipt.Applied)
                {
                    _applied = Math.Max(_applied, token.Sequence);
                    if (keep && token.Sequence > receipt.CheckpointMark && (_unsettled.Count == 0 || _unsettled[^1].Token.Sequence < token.Sequence))
                    {
                        _unsettled.Add((token, batches));
                        Volatile.Write(ref _unsettledCount, _unsettled.Count);
                    }

                    return;
                }

                await ResendAsync(receipt.Mark);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// For a version this gateway has not sent to for a while: asks how far it holds this gateway's calls, forgets
    /// those its checkpoint holds, and sends again those it lost. Returns the calls sent again (none while a call
    /// is being sent: that one's answer settles the chain).
    /// </summary>
    public async Task<int> SettleAsync()
    {
        // A chain sending right now settles from its own answers; waiting for it (a version unreachable while its
        // silo is replaced holds the gate for the whole retry) would hold up the settlement of every other version.
        if (!await _gate.WaitAsync(0))
        {
            return 0;
        }

        try
        {
            var marks = await grain.GetIngestMarks(sender);
            Settled(marks.CheckpointMark);
            return marks.Mark < _applied ? await ResendAsync(marks.Mark) : 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    // The version holds this gateway's calls up to `mark`: the kept ones after it go again, in order.
    private async Task<int> ResendAsync(long mark)
    {
        var resent = 0;
        _applied = mark;
        for (var i = 0; i < _unsettled.Count; i++)
        {
            var (token, batches) = _unsettled[i];
            if (token.Sequence <= mark)
            {
                continue;
            }

            var receipt = await grain.IngestFollowing(batches, token, _applied);
            if (!receipt.Applied)
            {
                // Lost again meanwhile (another silo died): from its new mark.
                _applied = receipt.Mark;
                mark = receipt.Mark;
                i = -1;
                continue;
            }

            _applied = token.Sequence;
            resent++;
            metrics?.ResentRecords.Inc(batches.Sum(b => b.Count));
        }

        return resent;
    }

    private void Settled(long checkpointMark)
    {
        var held = 0;
        while (held < _unsettled.Count && _unsettled[held].Token.Sequence <= checkpointMark)
        {
            held++;
        }

        if (held > 0)
        {
            _unsettled.RemoveRange(0, held);
            Volatile.Write(ref _unsettledCount, _unsettled.Count);
        }
    }
}
