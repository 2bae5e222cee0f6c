using System.ComponentModel.DataAnnotations;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Bounds on what one ingest request may carry. They protect memory, grain keys, file names and
/// metric label values from hostile or mistaken input; bind from configuration ("Monitor:Ingest").
/// </summary>
public sealed class IngestLimits
{
    public const string SectionName = "Monitor:Ingest";

    /// <summary>More records than this refuses the whole request (the caller should split it).</summary>
    [Range(1, 1_000_000)] public int MaxRecordsPerRequest { get; set; } = 10_000;

    /// <summary>Largest request body accepted; a larger one is answered 413.</summary>
    [Range(1024, int.MaxValue)] public int MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Longest model or version name; they become grain keys, file names and metric labels.</summary>
    [Range(1, 256)] public int MaxNameLength { get; set; } = 64;

    [Range(1, 4096)] public int MaxIdLength { get; set; } = 128;

    [Range(1, 100_000)] public int MaxFeaturesPerRecord { get; set; } = 256;

    /// <summary>
    /// Distinct feature names one model version may use within one request. Columns are dense, so
    /// this bounds a batch to records x this many cells even when every record names new features.
    /// </summary>
    [Range(1, 1_000_000)] public int MaxDistinctFeaturesPerVersion { get; set; } = 512;

    [Range(1, 4096)] public int MaxFeatureNameLength { get; set; } = 128;

    [Range(1, 1_000_000)] public int MaxFeatureTextLength { get; set; } = 1_024;

    [Range(1, 1_000_000)] public int MaxLabelLength { get; set; } = 256;

    [Range(1, 1024)] public int MaxErrorTypeLength { get; set; } = 64;

    /// <summary>How far ahead of server time a record's timestamp may be (clock skew allowance).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Records older than this are refused: the grains would drop them anyway (their retention).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan MaxTimestampAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many per-record errors a response lists; the rejected count stays exact beyond it.</summary>
    [Range(0, 1_000_000)] public int MaxReportedErrors { get; set; } = 1_000;
}
