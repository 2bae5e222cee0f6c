using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;

namespace Monitor.Grains.Rebalancing;

/// <summary>
/// Collects the silos' load reports and, once every silo has reported since the last round, asks the planner
/// (<see cref="RebalancePlanner"/>) for moves and tells the chosen versions to move. Its figures and the moves
/// made are kept in memory: they are a view of the present, rebuilt by the next reports after a failover.
/// </summary>
public sealed partial class ClusterRebalancerGrain(
    IOptions<RebalancingOptions> options,
    TimeProvider time,
    ILogger<ClusterRebalancerGrain> logger) : Grain, IClusterRebalancerGrain
{
    private readonly Dictionary<SiloAddress, SiloLoadReport> _reports = [];
    private readonly Dictionary<SiloAddress, DateTimeOffset> _firstReported = [];
    private readonly Dictionary<string, DateTimeOffset> _lastMoved = new(StringComparer.Ordinal);
    private readonly LinkedList<VersionMove> _moves = new();
    private DateTimeOffset _lastRound = DateTimeOffset.MinValue;

    private RebalancingOptions Options => options.Value;

    public async Task Report(SiloLoadReport report)
    {
        _reports[report.Silo] = report;
        var now = time.GetUtcNow();
        _firstReported.TryAdd(report.Silo, now);

        // A silo that stopped reporting has left (or cannot take versions): it is neither source nor target.
        foreach (var stale in _reports.Values.Where(r => now - r.At > 3 * Options.ReportInterval).ToList())
        {
            _reports.Remove(stale.Silo);
            _firstReported.Remove(stale.Silo);
        }

        // The next round waits until every silo has measured the load the last round's moves left it.
        if (!Options.Enabled || _reports.Values.Any(r => r.At <= _lastRound) || now - _lastRound < Options.ReportInterval)
        {
            return;
        }

        var samples = _reports.Values.Select(r => SiloDrain.Sample(r) with { CanReceive = now - _firstReported[r.Silo] >= Options.TargetWarmup });
        var plan = RebalancePlanner.Plan([.. samples], _lastMoved, now, Options);
        if (plan.Count == 0)
        {
            return;
        }

        _lastRound = now;
        var silos = _reports.Keys.ToDictionary(s => s.ToParsableString(), StringComparer.Ordinal);
        var done = await Task.WhenAll(plan.Select(m => MoveAsync(m, silos[m.From], silos[m.To], now)));
        Keep(done.OfType<VersionMove>());
        LogRound(logger, done.Count(d => d is not null), plan.Count);
    }

    public Task Record(VersionMove[] moves)
    {
        Keep(moves);
        return Task.CompletedTask;
    }

    public Task<ClusterLoad> GetLoad() =>
        Task.FromResult(new ClusterLoad(Options.Enabled, [.. _reports.Values.OrderBy(r => r.Silo.ToString(), StringComparer.Ordinal)], [.. _moves]));

    private async Task<VersionMove?> MoveAsync(PlannedMove move, SiloAddress from, SiloAddress to, DateTimeOffset now)
    {
        _lastMoved[move.Version] = now;
        try
        {
            // The hint also places the version on the target should it have deactivated meanwhile.
            RequestContext.Set(IPlacementDirector.PlacementHintKey, to);
            return await GrainFactory.GetGrain<IVersionPlacementGrain>(move.Version).MoveTo(to)
                ? new VersionMove(now, move.Version, from, to, "load", move.RecordsPerSecond)
                : null;
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

    private void Keep(IEnumerable<VersionMove> moves)
    {
        foreach (var move in moves)
        {
            _moves.AddFirst(move);
            _lastMoved[move.Version] = move.At;
        }

        while (_moves.Count > Options.MovesKept)
        {
            _moves.RemoveLast();
        }

        var forget = time.GetUtcNow() - Options.VersionCooldown;
        foreach (var (version, at) in _lastMoved.Where(kv => kv.Value < forget).ToList())
        {
            _lastMoved.Remove(version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebalancing: {Moved} of {Planned} planned versions moved")]
    private static partial void LogRound(ILogger logger, int moved, int planned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebalancing: {Version} could not be moved")]
    private static partial void LogMoveFailed(ILogger logger, Exception exception, string version);
}
