using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Segments;

/// <summary>The segments of one model version (key "model/version"): their settings, figures, drift and health.</summary>
[Alias("monitor.IVersionSegmentsGrain")]
public interface IVersionSegmentsGrain : IGrainWithStringKey
{
    [Alias("GetSegmentSettings")]
    Task<SegmentSettings> GetSegmentSettings();

    /// <summary>Replaces the segment keys and K; segments of a key kept keep their figures.</summary>
    [Alias("SetSegmentSettings")]
    Task<SegmentSettingsChange> SetSegmentSettings(SegmentSettings settings);

    /// <summary>Every segment's health, most severe first (the summary period is <paramref name="minutes"/>).</summary>
    [Alias("GetSegments")]
    Task<SegmentListing> GetSegments(int minutes);

    /// <summary>The problem with a segment asked for ("segment" field), or null when the version tracks it.</summary>
    [Alias("CheckSegment")]
    Task<FieldProblem?> CheckSegment(SegmentName segment);

    [Alias("GetSegmentSummary")]
    Task<SegmentSummary> GetSegmentSummary(SegmentName segment, int minutes);

    [Alias("GetSegmentTimeSeries")]
    Task<SegmentTimeSeries> GetSegmentTimeSeries(SegmentName segment, int minutes, int stepSeconds);

    /// <summary>The version's side of an A/B comparison restricted to the segment (the segment must be tracked: <see cref="CheckSegment"/>).</summary>
    [Alias("GetSegmentSample")]
    Task<VersionSample> GetSegmentSample(SegmentName segment, int minutes);

    /// <summary>The segment's records in the version's recent window against its reference; null when the version has no reference.</summary>
    [Alias("EvaluateSegmentDrift")]
    Task<VersionDriftReport?> EvaluateSegmentDrift(SegmentName segment);
}
