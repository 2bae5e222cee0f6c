namespace Monitor.Grains.History;

/// <summary>One segment bucket's counts as last seen, waiting to be written into its hour.</summary>
public readonly record struct SegmentBucketCounts(long StartMs, string Key, string Value, long Requests, long Errors);
