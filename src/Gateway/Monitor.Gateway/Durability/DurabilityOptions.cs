namespace Monitor.Gateway.Durability;

/// <summary>
/// The gateway's ingest log, bound from <c>Monitor:Durability</c>: every ingest call a version applied is
/// written to it before the records are acknowledged, and replayed into the versions after a crash.
/// </summary>
public sealed class DurabilityOptions
{
    public const string Section = "Monitor:Durability";

    /// <summary>When false an acknowledged record is only in its version's memory until the version's next checkpoint.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The log's directory, private to one gateway process; by default <c>ingest-log</c> under <c>Monitor:Storage:Directory</c>.</summary>
    public string? Directory { get; set; }

    public FsyncMode Fsync { get; set; } = FsyncMode.None;

    /// <summary>How often the log is synced to disk with <see cref="FsyncMode.Interval"/>.</summary>
    public TimeSpan FsyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A segment file is closed once it holds this many bytes.</summary>
    public long SegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A segment file is closed once it is this old, so a quiet log can be truncated too.</summary>
    public TimeSpan SegmentAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the gateway asks versions how far their checkpoints hold its calls, and deletes segments they all hold.</summary>
    public TimeSpan TruncateInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Versions replayed at once after a crash.</summary>
    public int ReplayParallelism { get; set; } = 16;

    /// <summary>The directory in effect.</summary>
    public string ResolveDirectory(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(Directory)
            ? Path.Combine(configuration["Monitor:Storage:Directory"] ?? "./data", "ingest-log")
            : Directory;
}
