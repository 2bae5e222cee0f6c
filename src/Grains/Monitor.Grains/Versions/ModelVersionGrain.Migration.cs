using Microsoft.Extensions.Logging;
using Monitor.Grains.Rebalancing;
using Orleans.Runtime.Placement;

namespace Monitor.Grains.Versions;

/// <summary>
/// Moving a version to another silo (Orleans' live migration): the old activation stops taking calls, writes its
/// checkpoint on deactivation, and hands over what its parts hold in memory only; the calls that were waiting
/// follow it to the new activation, which reads that checkpoint. The ingest marks are in the checkpoint, so a call
/// retried across the move is applied exactly once.
/// </summary>
public sealed partial class ModelVersionGrain : IGrainMigrationParticipant, IVersionPlacementGrain
{
    private const string HandoverKey = "version.handover";

    private VersionHandover? _handover;

    public Task<bool> MoveTo(SiloAddress target)
    {
        if (target.Equals(GrainContext.Address.SiloAddress))
        {
            return Task.FromResult(false);
        }

        // The migration takes the request context as it is now: the hint names the silo to place the version on.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        MigrateOnIdle();
        return Task.FromResult(true);
    }

    public Task<SiloAddress> GetSilo() => Task.FromResult(GrainContext.Address.SiloAddress!);

    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext migration)
    {
        migration.TryAddValue(HandoverKey, new VersionHandover(_checkpoints.Core.Generation, !_dirty));
        foreach (var part in _parts.All)
        {
            part.Dehydrate(migration);
        }
    }

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext migration)
    {
        migration.TryGetValue(HandoverKey, out _handover);
        foreach (var part in _parts.All)
        {
            part.Rehydrate(migration);
        }
    }

    // Called once the checkpoint is read: it must be the one the old activation wrote before it handed over.
    private void CheckHandover()
    {
        if (_handover is not { } handover)
        {
            return;
        }

        if (!handover.Committed)
        {
            // Its last checkpoint failed: what it applied since is replayed by the gateways' ingest logs.
            LogMovedUncommitted(logger, _model, _version, handover.Generation);
        }
        else if (_checkpoints.Core.Generation < handover.Generation)
        {
            LogMovedStale(logger, _model, _version, handover.Generation, _checkpoints.Core.Generation);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Model}/{Version} moved without its last checkpoint written (generation {Generation} is the last stored)")]
    private static partial void LogMovedUncommitted(ILogger logger, string model, string version, long generation);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Model}/{Version} moved after writing checkpoint {Expected} but read back {Read}")]
    private static partial void LogMovedStale(ILogger logger, string model, string version, long expected, long read);
}

/// <summary>What a moving version tells its next activation: the checkpoint it wrote last, and whether that holds everything.</summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionHandover")]
public sealed record VersionHandover([property: Id(0)] long Generation, [property: Id(1)] bool Committed);
