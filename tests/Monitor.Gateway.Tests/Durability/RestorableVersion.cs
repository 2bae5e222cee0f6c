using Monitor.Gateway.Durability;
using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>
/// A version as the grain keeps one gateway's calls: applied calls in memory, a stored checkpoint it is restored
/// from when its silo dies.
/// </summary>
internal sealed class RestorableVersion : IVersionIngestChainGrain, ICheckpointMarks
{
    private List<(long Sequence, int Records)> _applied = [];
    private List<(long Sequence, int Records)> _stored = [];
    private int _crashAfter = -1;

    public long Records => _applied.Sum(a => a.Records);

    public IEnumerable<long> AppliedSequences => _applied.Select(a => a.Sequence);

    private long Mark => _applied.Count == 0 ? 0 : _applied[^1].Sequence;

    private long CheckpointMark => _stored.Count == 0 ? 0 : _stored[^1].Sequence;

    public void Checkpoint() => _stored = [.. _applied];

    public void Crash() => _applied = [.. _stored];

    public void CrashAfterApplying(int calls) => _crashAfter = calls;

    /// <summary>While set, an ingest call waits for it (a version whose silo does not answer yet).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>How often the gateway asked the version's marks.</summary>
    public int MarksAsked { get; private set; }

    public async Task<IngestReceipt> IngestFollowing(PredictionBatch[] batches, IngestToken token, long follows)
    {
        if (Hold is { } hold)
        {
            await hold.Task;
        }

        if (Mark < follows)
        {
            return new IngestReceipt(false, Mark, CheckpointMark);
        }

        if (token.Sequence > Mark)
        {
            _applied.Add((token.Sequence, batches.Sum(b => b.Count)));
            if (_crashAfter > 0 && --_crashAfter == 0)
            {
                Crash();
                throw new TimeoutException("the silo died before answering");
            }
        }

        return new IngestReceipt(true, Mark, CheckpointMark);
    }

    public Task<IngestReceipt> GetIngestMarks(string sender)
    {
        MarksAsked++;
        return Task.FromResult(new IngestReceipt(true, Mark, CheckpointMark));
    }

    public Task<long> Get(CallSource source) => Task.FromResult(CheckpointMark);
}
