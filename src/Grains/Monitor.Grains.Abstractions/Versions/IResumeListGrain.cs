namespace Monitor.Grains.Versions;

/// <summary>
/// The versions to bring back after a restart (key 0). Each version reports what makes it worth waking
/// (alerts pending or firing, a reference, recent traffic) when that changes; a starting silo asks for
/// the list and wakes them, so their rule evaluations and series go on without waiting for new records.
/// </summary>
[Alias("monitor.IResumeListGrain")]
public interface IResumeListGrain : IGrainWithIntegerKey
{
    /// <summary>What the version (key "model/version") holds now; its traffic time only ever moves forward.</summary>
    [Alias("Mark")]
    Task Mark(string version, ResumeMark mark);

    /// <summary>The versions to wake now, those with alerts first, then by most recent traffic, then those with a reference.</summary>
    [Alias("GetDue")]
    Task<string[]> GetDue();
}

/// <summary>Why a version is woken after a restart.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ResumeMark")]
public sealed record ResumeMark(
    [property: Id(0)] bool Alerts,
    [property: Id(1)] bool Reference,
    [property: Id(2)] DateTimeOffset? TrafficAt);
