using Monitor.Grains.Ingest;

namespace Monitor.Grains.Versions;

/// <summary>
/// Ingest in a chain: a call names the call of its gateway it follows, so an activation restored from a
/// checkpoint older than what the gateway sent (its silo died) asks for the missing calls instead of
/// applying this one over a gap.
/// </summary>
public sealed partial class ModelVersionGrain : IVersionIngestChainGrain
{
    public async Task<IngestReceipt> IngestFollowing(PredictionBatch[] batches, IngestToken token, long follows)
    {
        var mark = AppliedMark(token.Sender);
        if (mark < follows)
        {
            return new IngestReceipt(false, mark, _checkpointMarks.GetValueOrDefault(token.Sender));
        }

        await Ingest(batches, token);
        return new IngestReceipt(true, AppliedMark(token.Sender), _checkpointMarks.GetValueOrDefault(token.Sender));
    }

    public Task<IngestReceipt> GetIngestMarks(string sender) =>
        Task.FromResult(new IngestReceipt(true, AppliedMark(sender), _checkpointMarks.GetValueOrDefault(sender)));

    private long AppliedMark(string sender) => Senders.TryGetValue(sender, out var mark) ? mark.Sequence : 0;
}
