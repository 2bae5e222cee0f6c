using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Comparison;
using Monitor.Grains.Segments;

namespace Monitor.Grains.Models;

/// <summary>A/B comparisons restricted to one segment, from the samples of that segment the version grains supply.</summary>
public sealed partial class ModelGrain
{
    public async Task<ModelComparison?> CompareSegment(string? a, string? b, int minutes, SegmentName segment)
    {
        string[] versions;
        if (a is not null && b is not null)
        {
            versions = [a, b];
        }
        else if (state.State.Champion is { } champion)
        {
            versions = [.. state.State.Versions.Where(v => v != champion).Prepend(champion)];
        }
        else
        {
            return null;
        }

        var samples = await Task.WhenAll(versions.Select(v => Version(v).GetSegmentSample(segment, minutes)));
        return new ModelComparison
        {
            Model = this.GetPrimaryKeyString(),
            Minutes = minutes,
            Champion = state.State.Champion,
            Segment = segment.ToString(),
            Comparisons = [.. samples.Skip(1).Select(other => VersionComparer.Compare(samples[0], other))],
        };
    }
}
