namespace Monitor.Grains.Segments;

/// <summary>One segment key's state in the version's checkpoint (page family "segments.key", one slot per key).</summary>
[GenerateSerializer, Alias("monitor.SegmentKeyPage")]
public sealed class SegmentKeyPage
{
    [Id(0)] public string Key { get; init; } = "";
    [Id(1)] public long Total { get; init; }
    [Id(2)] public SegmentValueCount[] Values { get; init; } = [];
    [Id(3)] public Dictionary<string, SegmentSeries> Series { get; init; } = new(StringComparer.Ordinal);
    [Id(4)] public SegmentSeries Untracked { get; init; } = new();

    /// <summary>The values of the key's join cells (see <see cref="SegmentCells"/>), cell 0 first; null before cells were kept.</summary>
    [Id(5)] public string?[]? CellValues { get; init; }
    [Id(6)] public long[]? CellSinceMs { get; init; }
}

/// <summary>One counter of a key's space-saving summary.</summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentValueCount")]
public sealed record SegmentValueCount(
    [property: Id(0)] string Value,
    [property: Id(1)] long Count,
    [property: Id(2)] long Error);
