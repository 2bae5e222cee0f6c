namespace Monitor.Gateway.PredictionLog;

/// <summary>Configuration of the prediction log, bound from <c>Monitor:PredictionLog</c>.</summary>
public sealed class PredictionLogOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Monitor:PredictionLog";

    /// <summary>When false nothing is written and <see cref="IPredictionLog.Append"/> accepts and discards.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Directory of the log files; created when missing.</summary>
    public string Directory { get; set; } = "./data/predictions";

    /// <summary>A file is closed and the next one opened before it would grow past this size.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How often buffered lines are handed to the operating system, so <c>tail -f</c> sees them.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many files to keep (the newest, the current one included); null or 0: no bound by count.</summary>
    public int? RetainedFiles { get; set; }

    /// <summary>Most bytes all log files may take together (the oldest files are deleted first); 0: no bound by size.</summary>
    public long MaxTotalBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Files last written longer ago than this are deleted; zero: no bound by age.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// After a failed write (a full disk), how long the log refuses new records at once (ingest answers 503)
    /// before it tries the same file again.
    /// </summary>
    public TimeSpan FailureRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>While writes keep failing, at most one error line per this interval, with the count since the last one.</summary>
    public TimeSpan ErrorLogInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most records that may wait for the writer. Past it <see cref="IPredictionLog.Append"/> refuses the
    /// batch (returns false), counts and reports it. A batch arriving at an empty backlog is always taken.
    /// </summary>
    public int MaxPendingRecords { get; set; } = 1_000_000;
}
