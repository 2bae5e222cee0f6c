using Monitor.Grains.Drift;

namespace Monitor.Grains.Segments;

/// <summary>The segments part's own state ("segments"): its settings and the references captured for segments.</summary>
[GenerateSerializer, Alias("monitor.SegmentsState")]
public sealed class SegmentsState
{
    [Id(0)] public SegmentSettings Settings { get; set; } = SegmentSettings.None;

    /// <summary>Per segment ("country:DE"), its own first records, for a segment the version's reference has no rows of.</summary>
    [Id(1)] public Dictionary<string, ReferenceData> Captured { get; set; } = new(StringComparer.Ordinal);
}
