using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;

namespace Monitor.Grains.Rebalancing;

/// <summary>
/// A silo that stops (SIGTERM, a rolling upgrade) first moves its versions to the remaining silos, spread by
/// their load, and waits for them to go (at most <see cref="RebalancingOptions.DrainTimeout"/>): the versions
/// carry their state and go on answering and judging alerts elsewhere. What is left then deactivates with a
/// checkpoint as on any stop, and activates elsewhere on its next call.
/// </summary>
public sealed partial class SiloDrain(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    SiloVersionLoad versions,
    SiloLoadReporter reporter,
    IOptions<RebalancingOptions> options,
    TimeProvider time,
    ILogger<SiloDrain> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int MovesAtOnce = 16;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloDrain), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var others = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(silo.SiloAddress))
            .Select(m => m.SiloAddress)
            .ToList();
        if (others.Count == 0 || versions.Count == 0)
        {
            return;
        }

        // Shutdown deadlines are the process's own time, not the clock the grains judge records by.
        var elapsed = Stopwatch.StartNew();
        try
        {
            var remaining = await RemainingAsync(others);
            LogDraining(logger, versions.Count, others.Count);
            var moves = new List<VersionMove>(versions.Count);

            // Versions placed here while the silo drains (it is still active to the others) go in the next pass.
            while (versions.Count > 0 && elapsed.Elapsed < options.Value.DrainTimeout)
            {
                var plan = RebalancePlanner.Drain(Sample(reporter.Measure()), remaining);
                foreach (var chunk in plan.Chunk(MovesAtOnce))
                {
                    var done = await Task.WhenAll(chunk.Select(m => MoveAsync(m, others))).WaitAsync(cancellationToken);
                    moves.AddRange(done.OfType<VersionMove>());
                }

                var pass = Stopwatch.StartNew();
                while (versions.Count > 0 && pass.Elapsed < TimeSpan.FromSeconds(2) && elapsed.Elapsed < options.Value.DrainTimeout)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                }
            }

            LogDrained(logger, moves.Count, versions.Count, elapsed.ElapsedMilliseconds);
            await grains.GetGrain<IClusterRebalancerGrain>(0).Record([.. moves]).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever did not move is checkpointed by the deactivation that follows.
            LogDrainFailed(logger, ex, versions.Count);
        }
    }

    private async Task<IReadOnlyList<SiloLoadSample>> RemainingAsync(List<SiloAddress> others)
    {
        SiloLoadReport[] reports = [];
        try
        {
            reports = (await grains.GetGrain<IClusterRebalancerGrain>(0).GetLoad().WaitAsync(TimeSpan.FromSeconds(2))).Silos;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Without the others' figures the versions are spread by count alone.
            LogNoFigures(logger, ex);
        }

        return [.. others.Select(o => reports.FirstOrDefault(r => r.Silo.Equals(o)) is { } r
            ? Sample(r)
            : new SiloLoadSample(o.ToParsableString(), 0, []))];
    }

    private async Task<VersionMove?> MoveAsync(PlannedMove move, List<SiloAddress> others)
    {
        var target = others.First(o => o.ToParsableString() == move.To);
        try
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
            var moved = await grains.GetGrain<IVersionPlacementGrain>(move.Version).MoveTo(target);
            return moved ? new VersionMove(time.GetUtcNow(), move.Version, silo.SiloAddress, target, "drain", move.RecordsPerSecond) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMoveFailed(logger, ex, move.Version);
            return null;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    internal static SiloLoadSample Sample(SiloLoadReport report) =>
        new(report.Silo.ToParsableString(), report.MemoryBytes, report.Versions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: moving {Count} versions to {Silos} other silos")]
    private static partial void LogDraining(ILogger logger, int count, int silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Moved} versions moved, {Left} left to deactivate here, after {Ms} ms")]
    private static partial void LogDrained(ILogger logger, int moved, int left, long ms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the drain ended early with {Left} versions here; they deactivate with a checkpoint")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the other silos' load is unknown; versions are spread by count")]
    private static partial void LogNoFigures(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: {Version} could not be moved; it deactivates with a checkpoint")]
    private static partial void LogMoveFailed(ILogger logger, Exception exception, string version);
}
