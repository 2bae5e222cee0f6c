namespace Monitor.Grains.Segments;

/// <summary>Bounds of the segments a version keeps (configuration section <c>Monitor:Segments</c>).</summary>
public sealed class SegmentOptions
{
    public const string Section = "Monitor:Segments";

    /// <summary>Segment keys a version may declare.</summary>
    public int MaxKeys { get; set; } = 4;

    /// <summary>The largest K a version may ask for (values per key that are segments of their own).</summary>
    public int MaxTopK { get; set; } = 100;

    /// <summary>Width of a segment's time buckets (its summary and time series resolution).</summary>
    public TimeSpan BucketWidth { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back a segment's buckets reach.</summary>
    public TimeSpan Span { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Records of a segment taken as its own reference when the version's reference does not carry the key.</summary>
    public int CaptureRecords { get; set; } = 200;

    /// <summary>How often a version evaluates its segments' drift (for alert rules and /metrics) and captures their references.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-segment series one silo exports on /metrics at most, over all its versions; the rest are left out.</summary>
    public int MaxSeriesPerNode { get; set; } = 2000;
}
