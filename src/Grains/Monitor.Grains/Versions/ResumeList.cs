namespace Monitor.Grains.Versions;

/// <summary>How a mark changed the list: not at all, only a traffic time (written on a timer), or a reason (written at once).</summary>
public enum ResumeChange
{
    None = 0,
    Traffic = 1,
    Reason = 2,
}

/// <summary>
/// The logic of the resume list: merges each version's marks, forgets versions with nothing left to wake
/// for, and orders the rest. Pure: the grain supplies the time and persists.
/// </summary>
public sealed class ResumeList(ResumeListState state)
{
    public ResumeChange Apply(string version, ResumeMark mark)
    {
        state.Versions.TryGetValue(version, out var stored);
        var merged = mark with { TrafficAt = Later(stored?.TrafficAt, mark.TrafficAt) };
        if (merged == stored)
        {
            return ResumeChange.None;
        }

        state.Versions[version] = merged;
        return stored is not null && stored.Alerts == merged.Alerts && stored.Reference == merged.Reference
            ? ResumeChange.Traffic
            : ResumeChange.Reason;
    }

    /// <summary>Drops versions without alerts or a reference whose traffic is older than <paramref name="recentTraffic"/>; true if any.</summary>
    public bool Prune(DateTimeOffset now, TimeSpan recentTraffic)
    {
        var stale = state.Versions.Where(v => !Wanted(v.Value, now - recentTraffic)).Select(v => v.Key).ToList();
        foreach (var version in stale)
        {
            state.Versions.Remove(version);
        }

        return stale.Count > 0;
    }

    /// <summary>Versions to wake: with alerts first (their evaluations matter most), then by most recent traffic, then with a reference.</summary>
    public string[] Due(DateTimeOffset now, TimeSpan recentTraffic)
    {
        var since = now - recentTraffic;
        return
        [
            .. state.Versions
                .Where(v => Wanted(v.Value, since))
                .OrderByDescending(v => v.Value.Alerts)
                .ThenByDescending(v => v.Value.TrafficAt >= since ? v.Value.TrafficAt : null)
                .ThenBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => v.Key),
        ];
    }

    private static bool Wanted(ResumeMark mark, DateTimeOffset since) => mark.Alerts || mark.Reference || mark.TrafficAt >= since;

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
