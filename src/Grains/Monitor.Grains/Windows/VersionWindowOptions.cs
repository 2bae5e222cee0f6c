namespace Monitor.Grains.Windows;

/// <summary>Sizes of a model version's windows (configuration section <c>Monitor:Windows</c>).</summary>
public sealed class VersionWindowOptions
{
    public const string Section = "Monitor:Windows";

    /// <summary>Width of the recent buckets.</summary>
    public TimeSpan FineBucket { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far back recent buckets reach before rolling into coarse ones.</summary>
    public TimeSpan FineSpan { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan CoarseBucket { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long bucketed history is kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The count-based window of features (the last W records) that drift is measured on.</summary>
    public int FeatureWindow { get; set; } = 1000;

    /// <summary>How many recent records the records view can return.</summary>
    public int RecentRecords { get; set; } = 1000;

    /// <summary>Raw latencies held for numpy-exact percentiles; beyond them a sketch answers.</summary>
    public int ExactLatencySamples { get; set; } = 10_000;

    /// <summary>Distinct error types and class labels tracked per version; the rest count as "other".</summary>
    public int MaxDistinctValues { get; set; } = 50;

    /// <summary>Confidence below this counts as low confidence.</summary>
    public double LowConfidenceThreshold { get; set; } = 0.5;

    /// <summary>How often a version writes its window state to storage (also on deactivation).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);
}
