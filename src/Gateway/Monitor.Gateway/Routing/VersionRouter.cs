using System.Collections.Concurrent;
using Monitor.Gateway.Durability;
using Monitor.Gateway.Metrics;
using Monitor.Grains.Ingest;
using Monitor.Grains.Models;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Routing;

/// <summary>
/// Sends each version's batch to its grain through that version's queue, registering versions the
/// first time this gateway meets them. Registrations are cached, so the registry grain sees one call
/// per version per gateway.
/// </summary>
public sealed class VersionRouter(IGrainFactory grains, GatewayIdentity identity, ClusterRetry retry, IngestMetrics metrics, IIngestLog log, IngestChains chains)
{
    private readonly ConcurrentDictionary<string, bool> _registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VersionIngestQueue> _queues = new(StringComparer.Ordinal);

    /// <summary>Applies the batch to its grain; false when the version cannot be registered because the cap is reached.</summary>
    public async Task<bool> RouteAsync(PredictionBatch batch)
    {
        var key = VersionKey.Of(batch.Model, batch.Version);
        if (!_registered.ContainsKey(key))
        {
            var registry = grains.GetGrain<IModelRegistryGrain>(0);
            var registration = await retry.Run(() => registry.Register(batch.Model, batch.Version), "register");
            if (registration == VersionRegistration.CapReached)
            {
                return false;
            }

            Known(batch.Model, batch.Version);
        }

        if (!_queues.TryGetValue(key, out var queue))
        {
            queue = _queues.GetOrAdd(key, new VersionIngestQueue(grains.GetGrain<IModelVersionGrain>(key), identity.Id, retry, log, key, chains.For(key, identity.Id)));
        }

        await queue.Enqueue(batch);
        return true;
    }

    /// <summary>Registers the version if it is new (e.g. a reference set before any traffic); false when the cap is reached.</summary>
    public async Task<bool> RegisterAsync(string model, string version)
    {
        var key = VersionKey.Of(model, version);
        if (_registered.ContainsKey(key))
        {
            return true;
        }

        if (await grains.GetGrain<IModelRegistryGrain>(0).Register(model, version) == VersionRegistration.CapReached)
        {
            return false;
        }

        Known(model, version);
        return true;
    }

    /// <summary>
    /// Tells a registered version how many of its records were refused for a NaN or infinite value (its data
    /// quality counts them); refusals of versions Monitor does not track are only in the rejection counter.
    /// </summary>
    public async Task CountNonFiniteAsync(string model, string version, int records)
    {
        if (await IsKnownAsync(model, version))
        {
            await grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).CountNonFiniteRefused(records);
        }
    }

    /// <summary>Whether the version is registered (asks the registry once, then remembers).</summary>
    public async Task<bool> IsKnownAsync(string model, string version)
    {
        var key = VersionKey.Of(model, version);
        if (_registered.ContainsKey(key))
        {
            return true;
        }

        if (!await grains.GetGrain<IModelRegistryGrain>(0).Contains(model, version))
        {
            return false;
        }

        Known(model, version);
        return true;
    }

    /// <summary>A registered version: remembered, and its ingest series exported at 0 before its first records are counted.</summary>
    public void Known(string model, string version)
    {
        metrics.Register(model, version);
        _registered.TryAdd(VersionKey.Of(model, version), true);
    }
}
