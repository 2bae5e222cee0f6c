using System.Collections.Concurrent;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Durability;

/// <summary>
/// The ingest chain of each version this gateway sends to, and of each version and earlier process of this gateway
/// whose calls were replayed from the log. With the ingest log on, each chain keeps the calls its version's
/// checkpoint does not hold yet, so a version whose silo dies gets them back from this gateway: replayed calls
/// exactly as live ones, until the version's checkpoint holds them.
/// </summary>
public sealed class IngestChains(Func<string, IVersionIngestChainGrain> versions, DurabilityOptions options, TimeProvider time, IngestLogMetrics metrics)
{
    private readonly ConcurrentDictionary<string, IngestChain> _chains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CallSource, IngestChain> _replayed = new();

    public IngestChains(IGrainFactory grains, DurabilityOptions options, TimeProvider time, IngestLogMetrics metrics)
        : this(key => grains.GetGrain<IVersionIngestChainGrain>(key), options, time, metrics)
    {
    }

    /// <summary>Chains of replayed calls the settlement still watches (dropped once their versions' checkpoints hold every call).</summary>
    public int Replayed => _replayed.Count;

    public IngestChain For(string versionKey, string sender) =>
        _chains.GetOrAdd(versionKey, key => new IngestChain(versions(key), sender, options.Enabled, time, metrics));

    /// <summary>The chain for calls an earlier process of this gateway sent (<paramref name="source"/>'s sender), replayed from the log.</summary>
    public IngestChain ForReplay(CallSource source) =>
        _replayed.GetOrAdd(source, s => new IngestChain(versions(s.VersionKey), s.Sender, keep: true, time, metrics));

    /// <summary>Chains holding calls the versions' checkpoints may not hold, and not sent to since <paramref name="idleSince"/>.</summary>
    public IEnumerable<IngestChain> IdleUnsettled(DateTimeOffset idleSince) =>
        _chains.Values.Concat(_replayed.Values).Where(c => c.Unsettled > 0 && c.LastSent < idleSince);

    /// <summary>
    /// One settlement round: each idle chain that may hold calls its version lost asks it how far it holds them and
    /// sends the lost ones again. Chains of replayed calls are dropped once settled: nothing is sent through them again.
    /// </summary>
    public async Task<SettlementRound> SettleIdleAsync(DateTimeOffset idleSince)
    {
        var resent = 0;
        var failures = new List<Exception>();
        foreach (var chain in IdleUnsettled(idleSince).ToList())
        {
            try
            {
                resent += await chain.SettleAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The version is unreachable for now (its silo is being replaced): the next round asks again.
                failures.Add(ex);
            }
        }

        foreach (var (source, chain) in _replayed)
        {
            if (chain.Unsettled == 0)
            {
                _replayed.TryRemove(new KeyValuePair<CallSource, IngestChain>(source, chain));
            }
        }

        return new SettlementRound(resent, failures);
    }
}

/// <summary>What a settlement round did: the calls it sent again, and why the versions it could not ask were unreachable.</summary>
public sealed record SettlementRound(int Resent, IReadOnlyList<Exception> Failures);
