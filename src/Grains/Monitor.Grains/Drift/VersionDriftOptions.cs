namespace Monitor.Grains.Drift;

/// <summary>Drift and data-quality settings of every version (configuration section <c>Monitor:Drift</c>).</summary>
public sealed class VersionDriftOptions
{
    public const string Section = "Monitor:Drift";

    /// <summary>How often a version with a reference evaluates drift and records it in its history.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Evaluations kept in a version's drift history (1,440: a day at the default interval).</summary>
    public int HistoryLength { get; set; } = 1440;

    /// <summary>Rows a reference may have (uploaded, captured or copied).</summary>
    public int MaxReferenceRows { get; set; } = 100_000;

    /// <summary>Features a reference may have.</summary>
    public int MaxReferenceFeatures { get; set; } = 256;

    /// <summary>Largest reference upload in bytes (JSON or CSV); a larger body is answered 413.</summary>
    public long MaxReferenceBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Features per version that get Prometheus series (in reference order); bounds label cardinality.</summary>
    public int MaxFeatureSeries { get; set; } = 50;

    /// <summary>Installation-wide drift settings (<c>Monitor:Drift:Defaults:*</c>) for versions without their own.</summary>
    public DriftDefaultsOptions Defaults { get; set; } = new();

    /// <summary>Longest feature name a reference may use (feature names become metric label values).</summary>
    public int MaxFeatureNameLength { get; set; } = 128;
}
