namespace Monitor.Grains.History;

/// <summary>The hourly history kept beyond the windows (configuration section <c>Monitor:History</c>).</summary>
public sealed class VersionHistoryOptions
{
    public const string Section = "Monitor:History";

    /// <summary>Whether versions record their hourly figures for reviews longer than the windows' retention.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How far back hourly figures are kept: the default of 62 days holds a monthly review and the month before it,
    /// which "what changed" compares with. Whole months are dropped once they end before it.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(62);

    /// <summary>How often a version looks for finished hours to copy; well under the windows' retention.</summary>
    public TimeSpan CopyInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far back a report can read hourly figures: nothing when the history is off.</summary>
    public TimeSpan Reach => Enabled ? Retention : TimeSpan.Zero;
}
