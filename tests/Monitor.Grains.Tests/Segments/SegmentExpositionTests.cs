using Monitor.Grains.Segments;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests.Segments;

/// <summary>Per-segment series exist for the segments published, and a version over the silo's cap exports none of them.</summary>
public sealed class SegmentExpositionTests
{
    [Fact]
    public void Series_follow_the_segments_and_a_version_past_the_cap_exports_none()
    {
        var model = "expo-" + Guid.NewGuid().ToString("N")[..8];
        var four = Segments("DE", "FR", "NL", "other");

        var capped = new SegmentExposition(model, "small", cap: SegmentGauges.Budget.Used + (3 * SegmentGauges.SeriesPerSegment));
        capped.Publish(four);
        Assert.True(capped.Capped);
        Assert.Empty(Series(model, "small"));

        var fits = new SegmentExposition(model, "v1", cap: SegmentGauges.Budget.Used + 100);
        fits.Publish(four);
        Assert.False(fits.Capped);
        Assert.Equal(["country:DE", "country:FR", "country:NL", "country:other"], Series(model, "v1").Order());

        // FR leaves the top K: its series go; removing the version frees its share of the budget.
        var used = SegmentGauges.Budget.Used;
        fits.Publish(Segments("DE", "NL", "other"));
        Assert.Equal(["country:DE", "country:NL", "country:other"], Series(model, "v1").Order());
        Assert.Equal(used - SegmentGauges.SeriesPerSegment, SegmentGauges.Budget.Used);
        fits.Remove();
        Assert.Empty(Series(model, "v1"));
        Assert.Equal(used - (4 * SegmentGauges.SeriesPerSegment), SegmentGauges.Budget.Used);
    }

    private static IEnumerable<string> Series(string model, string version) =>
        SegmentGauges.Requests.GetAllLabelValues().Where(l => l[0] == model && l[1] == version).Select(l => l[3]);

    private static List<(SegmentName, SegmentSummary, Monitor.Grains.Drift.VersionDriftReport?)> Segments(params string[] values) =>
        [.. values.Select(v => (new SegmentName("country", v), new SegmentSummary
        {
            Model = "m",
            Version = "v",
            Segment = "country:" + v,
            From = DateTimeOffset.UnixEpoch,
            To = DateTimeOffset.UnixEpoch,
            TotalRequests = 10,
            SuccessRate = 100,
            ErrorCount = 0,
            Percentiles = PercentileMethod.Sketch(0.005),
            ThroughputPerSecond = 1,
            ConfidenceCount = 0,
        }, (Monitor.Grains.Drift.VersionDriftReport?)null))];
}
