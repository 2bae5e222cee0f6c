namespace Monitor.Grains.Rebalancing;

/// <summary>Turns the silo's version counters into records per second over the time since the last reading.</summary>
public sealed class SiloLoadMeter(SiloVersionLoad versions)
{
    private Dictionary<VersionLoadCounter, (long Records, long Ms)> _last = [];

    public VersionLoad[] Read(long nowMs)
    {
        var counters = versions.Snapshot();
        var next = new Dictionary<VersionLoadCounter, (long Records, long Ms)>(counters.Count);
        var loads = new VersionLoad[counters.Count];
        for (var i = 0; i < counters.Count; i++)
        {
            var counter = counters[i];
            var records = counter.Records;
            var (before, sinceMs) = _last.TryGetValue(counter, out var last) ? last : (0, counter.ActivatedMs);
            var seconds = Math.Max(0.001, (nowMs - sinceMs) / 1000.0);
            loads[i] = new VersionLoad(counter.Version, (records - before) / seconds);
            next[counter] = (records, nowMs);
        }

        _last = next;
        return loads;
    }
}
