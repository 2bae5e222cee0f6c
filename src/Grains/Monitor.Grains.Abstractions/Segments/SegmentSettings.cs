using Monitor.Grains.Drift;

namespace Monitor.Grains.Segments;

/// <summary>
/// The keys a version splits its traffic by (feature names, including the tags model-server adapters keep as
/// features, such as "country" or "device") and how many values per key are segments of their own (the top K by
/// traffic; the rest are "other").
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentSettings")]
public sealed record SegmentSettings
{
    public static SegmentSettings None { get; } = new();

    [Id(0)] public IReadOnlyList<string> Keys { get; init; } = [];

    [Id(1)] public int TopK { get; init; } = 20;
}

/// <summary>The answer to a change of segment settings: the settings taken, or the problems that refused them.</summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentSettingsChange")]
public sealed record SegmentSettingsChange
{
    [Id(0)] public SegmentSettings? Settings { get; init; }

    [Id(1)] public IReadOnlyList<FieldProblem> Problems { get; init; } = [];

    public bool Accepted => Problems.Count == 0;
}
