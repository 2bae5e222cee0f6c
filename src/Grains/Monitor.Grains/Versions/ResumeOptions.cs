namespace Monitor.Grains.Versions;

/// <summary>Which versions a restart brings back, and how fast (configuration section <c>Monitor:Resume</c>).</summary>
public sealed class ResumeOptions
{
    public const string Section = "Monitor:Resume";

    /// <summary>
    /// A version that had records, labels or events this recently is woken after a restart. The default is
    /// Orleans' idle collection age: the versions that would still have been active without the restart.
    /// </summary>
    public TimeSpan RecentTraffic { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Versions woken per second after a start, so thousands of them do not all load at once.</summary>
    public int VersionsPerSecond { get; set; } = 50;

    /// <summary>How often a changed traffic time is written (alert and reference changes are written at once).</summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(10);
}
