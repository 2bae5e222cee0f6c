using System.Collections.Concurrent;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Durability;

/// <summary>
/// The ingest chain of each version this gateway sends to. With the ingest log on, each chain keeps the calls its
/// version's checkpoint does not hold yet, so a version whose silo dies gets them back from this gateway.
/// </summary>
public sealed class IngestChains(IGrainFactory grains, DurabilityOptions options, TimeProvider time, IngestLogMetrics metrics)
{
    private readonly ConcurrentDictionary<string, IngestChain> _chains = new(StringComparer.Ordinal);

    public IngestChain For(string versionKey, string sender) =>
        _chains.GetOrAdd(versionKey, key => new IngestChain(grains.GetGrain<IVersionIngestChainGrain>(key), sender, options.Enabled, time, metrics));

    /// <summary>Chains holding calls the versions' checkpoints may not hold, and not sent to since <paramref name="idleSince"/>.</summary>
    public IEnumerable<IngestChain> IdleUnsettled(DateTimeOffset idleSince) =>
        _chains.Values.Where(c => c.Unsettled > 0 && c.LastSent < idleSince);
}
