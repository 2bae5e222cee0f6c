using System.Collections.Concurrent;

namespace Monitor.Grains.Rebalancing;

/// <summary>
/// The versions active on this silo and the records each has applied: versions count on ingest (their
/// <see cref="LoadPart"/>), the silo's reporter turns the counts into rates.
/// </summary>
public sealed class SiloVersionLoad
{
    private readonly ConcurrentDictionary<string, VersionLoadCounter> _versions = new(StringComparer.Ordinal);

    public int Count => _versions.Count;

    public VersionLoadCounter Register(string version, long nowMs)
    {
        var counter = new VersionLoadCounter(version, nowMs);
        _versions[version] = counter;
        return counter;
    }

    /// <summary>Forgets the version unless a newer activation of it registered since.</summary>
    public void Remove(VersionLoadCounter counter) =>
        _versions.TryRemove(new KeyValuePair<string, VersionLoadCounter>(counter.Version, counter));

    public IReadOnlyList<VersionLoadCounter> Snapshot() => [.. _versions.Values];
}

/// <summary>Records one active version applied since it activated; written by the version, read by the reporter.</summary>
public sealed class VersionLoadCounter(string version, long activatedMs)
{
    private long _records;

    public string Version { get; } = version;

    public long ActivatedMs { get; } = activatedMs;

    public long Records => Interlocked.Read(ref _records);

    public void Add(int records) => Interlocked.Add(ref _records, records);
}
