using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Comparison;
using Monitor.Grains.Segments;

namespace Monitor.Grains.Versions;

/// <summary>The version's segment calls, answered by its segments part.</summary>
public sealed partial class ModelVersionGrain
{
    public Task<SegmentSettings> GetSegmentSettings() => Task.FromResult(_parts.Segments.Settings);

    public Task<SegmentSettingsChange> SetSegmentSettings(SegmentSettings settings) => _parts.Segments.SetSettings(settings);

    public Task<SegmentListing> GetSegments(int minutes) => _parts.Segments.ListingAsync(minutes);

    public Task<FieldProblem?> CheckSegment(SegmentName segment) => Task.FromResult(_parts.Segments.Check(segment));

    public Task<SegmentSummary> GetSegmentSummary(SegmentName segment, int minutes) => Task.FromResult(_parts.Segments.Summary(segment, minutes));

    public Task<SegmentTimeSeries> GetSegmentTimeSeries(SegmentName segment, int minutes, int stepSeconds) =>
        Task.FromResult(_parts.Segments.TimeSeries(segment, minutes, stepSeconds));

    public async Task<VersionSample> GetSegmentSample(SegmentName segment, int minutes) =>
        _parts.Segments.Sample(segment, minutes) with { Drift = ComparisonDrift.Verdict(await _parts.Segments.DriftAsync(segment)) };

    public Task<VersionDriftReport?> EvaluateSegmentDrift(SegmentName segment) => _parts.Segments.DriftAsync(segment);
}
