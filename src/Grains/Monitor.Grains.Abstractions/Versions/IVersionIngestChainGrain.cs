using Monitor.Grains.Ingest;

namespace Monitor.Grains.Versions;

/// <summary>
/// Ingest that notices lost calls. A version re-activated after its silo died holds a gateway's calls only up to
/// its last checkpoint; the gateway, which keeps what it sent since then, says with each call which call it
/// follows, and a version missing that one answers with how far it holds instead of applying: the gateway sends
/// the missing calls again (their tokens make that exactly once), then this one.
/// </summary>
[Alias("monitor.IVersionIngestChainGrain")]
public interface IVersionIngestChainGrain : IGrainWithStringKey
{
    /// <summary>
    /// As <see cref="IModelVersionGrain.Ingest(PredictionBatch[], IngestToken)"/>, when the version holds the
    /// sender's calls at least up to <paramref name="follows"/>; otherwise applies nothing and answers
    /// <see cref="IngestReceipt.Applied"/> false with the sequence it holds.
    /// </summary>
    [Alias("IngestFollowing")]
    Task<IngestReceipt> IngestFollowing(PredictionBatch[] batches, IngestToken token, long follows);

    /// <summary>How far the version holds the sender's calls, in memory and in its stored checkpoint.</summary>
    [Alias("GetIngestMarks")]
    Task<IngestReceipt> GetIngestMarks(string sender);
}
