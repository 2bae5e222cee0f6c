using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Durability;

/// <summary>Where the gateway keeps each ingest call a version applied, until the version's checkpoint holds it.</summary>
public interface IIngestLog
{
    /// <summary>False for a moment after a write failed (a full disk): ingest is refused meanwhile.</summary>
    bool IsWritable { get; }

    /// <summary>
    /// Writes the call; the task completes once it is in the log (page cache, or disk with fsync), in the order
    /// of the calls to this method, and fails when it could not be written.
    /// </summary>
    Task Append(string versionKey, IngestToken token, PredictionBatch[] batches);
}

/// <summary>The log turned off (<c>Monitor:Durability:Enabled=false</c>): a record is kept from its version's next checkpoint.</summary>
public sealed class NoIngestLog : IIngestLog
{
    public bool IsWritable => true;

    public Task Append(string versionKey, IngestToken token, PredictionBatch[] batches) => Task.CompletedTask;
}
