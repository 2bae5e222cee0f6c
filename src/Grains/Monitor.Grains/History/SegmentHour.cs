namespace Monitor.Grains.History;

/// <summary>
/// One segment's traffic in one hour of the history. <see cref="Buckets"/> marks which of the hour's segment buckets
/// are counted (bit i: the i-th bucket of the hour), so a bucket copied again after a reactivation is not added twice.
/// </summary>
[GenerateSerializer, Alias("monitor.SegmentHour")]
public sealed record SegmentHour
{
    [Id(0)] public required DateTimeOffset Time { get; init; }
    [Id(1)] public required string Key { get; init; }
    [Id(2)] public required string Value { get; init; }
    [Id(3)] public required long Requests { get; init; }
    [Id(4)] public required long Errors { get; init; }
    [Id(5)] public required long Buckets { get; init; }
}
