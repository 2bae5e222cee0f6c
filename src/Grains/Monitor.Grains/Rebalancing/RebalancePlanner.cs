namespace Monitor.Grains.Rebalancing;

/// <summary>One silo as the planner sees it: its versions' records per second and its memory.</summary>
/// <param name="CanReceive">False while the silo is too new to take versions (it is still warming up).</param>
public sealed record SiloLoadSample(string Silo, long MemoryBytes, IReadOnlyList<VersionLoad> Versions, bool CanReceive = true)
{
    public double RecordsPerSecond => Versions.Sum(v => v.RecordsPerSecond);
}

/// <summary>A move the planner chose.</summary>
public sealed record PlannedMove(string Version, string From, string To, double RecordsPerSecond);

/// <summary>
/// Decides which versions move so that silos carry similar ingest load. Pure: given the silos' loads, the
/// versions' last moves and the settings, it answers the moves; the rebalancer grain carries them out.
/// </summary>
/// <remarks>
/// Each move takes a version from the busiest silo to the least busy one, choosing the version whose rate is
/// closest to half their difference; one larger than the whole difference would only swap which silo is busiest,
/// so it stays. Every move therefore narrows the gap it closes, nothing moves inside the tolerance band, a version
/// that moved waits its cooldown, and a round makes a bounded number of moves: the cluster cannot oscillate.
/// </remarks>
public static class RebalancePlanner
{
    public static IReadOnlyList<PlannedMove> Plan(
        IReadOnlyList<SiloLoadSample> silos,
        IReadOnlyDictionary<string, DateTimeOffset> lastMoved,
        DateTimeOffset now,
        RebalancingOptions options)
    {
        if (silos.Count < 2)
        {
            return [];
        }

        var load = silos.ToDictionary(s => s.Silo, s => s.RecordsPerSecond, StringComparer.Ordinal);
        var total = load.Values.Sum();
        if (total < options.MinClusterRecordsPerSecond)
        {
            return [];
        }

        var mean = total / silos.Count;
        var hosted = silos.ToDictionary(s => s.Silo, s => s.Versions.ToList(), StringComparer.Ordinal);
        var targets = silos
            .Where(s => s.CanReceive && (options.MaxTargetMemoryBytes <= 0 || s.MemoryBytes <= options.MaxTargetMemoryBytes))
            .Select(s => s.Silo)
            .ToList();
        var moves = new List<PlannedMove>();
        var moved = new HashSet<string>(StringComparer.Ordinal);
        while (moves.Count < options.MaxMovesPerRound && targets.Count > 0)
        {
            var busiest = load.MaxBy(kv => kv.Value).Key;
            var idlest = targets.MinBy(s => load[s])!;
            var gap = load[busiest] - load[idlest];
            if (busiest == idlest || gap <= options.Tolerance * mean)
            {
                break;
            }

            var candidate = hosted[busiest]
                .Where(v => v.RecordsPerSecond > 0 && v.RecordsPerSecond < gap && !moved.Contains(v.Version))
                .Where(v => !lastMoved.TryGetValue(v.Version, out var at) || now - at >= options.VersionCooldown)
                .OrderBy(v => Math.Abs(gap / 2 - v.RecordsPerSecond))
                .ThenBy(v => v.Version, StringComparer.Ordinal)
                .FirstOrDefault();
            if (candidate is null)
            {
                break;
            }

            moves.Add(new PlannedMove(candidate.Version, busiest, idlest, candidate.RecordsPerSecond));
            moved.Add(candidate.Version);
            hosted[busiest].Remove(candidate);
            hosted[idlest].Add(candidate);
            load[busiest] -= candidate.RecordsPerSecond;
            load[idlest] += candidate.RecordsPerSecond;
        }

        return moves;
    }

    /// <summary>
    /// Where a leaving silo's versions go: each, busiest first, to the remaining silo then least loaded (idle
    /// versions: the one hosting fewest), so a silo's load is spread over the others rather than handed to one.
    /// </summary>
    public static IReadOnlyList<PlannedMove> Drain(SiloLoadSample leaving, IReadOnlyList<SiloLoadSample> remaining)
    {
        if (remaining.Count == 0)
        {
            return [];
        }

        var load = remaining.ToDictionary(s => s.Silo, s => s.RecordsPerSecond, StringComparer.Ordinal);
        var count = remaining.ToDictionary(s => s.Silo, s => s.Versions.Count, StringComparer.Ordinal);
        var moves = new List<PlannedMove>(leaving.Versions.Count);
        foreach (var version in leaving.Versions.OrderByDescending(v => v.RecordsPerSecond).ThenBy(v => v.Version, StringComparer.Ordinal))
        {
            // Busy versions are spread by load, idle ones by count.
            var to = version.RecordsPerSecond > 0
                ? load.Keys.OrderBy(s => load[s]).ThenBy(s => count[s]).ThenBy(s => s, StringComparer.Ordinal).First()
                : load.Keys.OrderBy(s => count[s]).ThenBy(s => load[s]).ThenBy(s => s, StringComparer.Ordinal).First();
            moves.Add(new PlannedMove(version.Version, leaving.Silo, to, version.RecordsPerSecond));
            load[to] += version.RecordsPerSecond;
            count[to]++;
        }

        return moves;
    }
}
