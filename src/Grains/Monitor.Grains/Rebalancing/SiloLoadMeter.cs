namespace Monitor.Grains.Rebalancing;

/// <summary>
/// Turns the silo's version counters into records per second: an exponentially weighted rate with time constant
/// <paramref name="smoothing"/>, so that one report interval's noise (a burst, a pause of the sender, a collection)
/// does not look like a change of load and move versions back and forth.
/// </summary>
/// <remarks>
/// A version seen for the first time (just activated or just moved here) starts from its rate since activation,
/// with no history to smooth against; <see cref="TimeSpan.Zero"/> gives each interval's own rate.
/// </remarks>
public sealed class SiloLoadMeter(SiloVersionLoad versions, TimeSpan smoothing)
{
    private Dictionary<VersionLoadCounter, Reading> _last = [];

    public VersionLoad[] Read(long nowMs)
    {
        var counters = versions.Snapshot();
        var next = new Dictionary<VersionLoadCounter, Reading>(counters.Count);
        var loads = new VersionLoad[counters.Count];
        for (var i = 0; i < counters.Count; i++)
        {
            var counter = counters[i];
            var records = counter.Records;
            var seen = _last.TryGetValue(counter, out var last);
            var sinceMs = seen ? last.Ms : counter.ActivatedMs;
            var elapsedMs = Math.Max(1, nowMs - sinceMs);
            var instant = (records - (seen ? last.Records : 0)) * 1000.0 / elapsedMs;
            var rate = seen ? Smooth(last.Rate, instant, elapsedMs) : instant;
            loads[i] = new VersionLoad(counter.Version, rate);
            next[counter] = new Reading(records, nowMs, rate);
        }

        _last = next;
        return loads;
    }

    private double Smooth(double previous, double instant, long elapsedMs)
    {
        if (smoothing <= TimeSpan.Zero)
        {
            return instant;
        }

        // The weight of the new interval grows with its length, so irregular report times weigh the same.
        var weight = 1 - Math.Exp(-elapsedMs / smoothing.TotalMilliseconds);
        return previous + (weight * (instant - previous));
    }

    private readonly record struct Reading(long Records, long Ms, double Rate);
}
