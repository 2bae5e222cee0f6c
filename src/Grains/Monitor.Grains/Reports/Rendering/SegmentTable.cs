using System.Globalization;
using Monitor.Grains.Drift;
using Monitor.Grains.History;
using Monitor.Grains.Segments;
using static Monitor.Grains.Reports.Rendering.HtmlText;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>A version's segments as table rows, most severe first (as GET .../segments lists them), for HTML and Markdown alike.</summary>
public static class SegmentTable
{
    public static readonly IReadOnlyList<string> Headers =
        ["segment", "status", "requests", "share", "success rate", "p95 (ms)", "features drifted", "reference"];

    public static IEnumerable<IReadOnlyList<string>> Rows(IEnumerable<SegmentHealth> segments) => segments.Select(s => (IReadOnlyList<string>)
    [
        s.Segment, s.Status.Replace('_', ' '), s.TotalRequests.ToString("N0", CultureInfo.InvariantCulture), Percent(s.TrafficShare),
        s.SuccessRate is { } rate ? Figure(rate, "0.##") + "%" : "–", Figure(s.P95LatencyMs, "0.##"),
        s.Drift is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.FeaturesDrifted} of {d.FeaturesTested}") : "–",
        s.ReferenceSource ?? "–",
    ]);

    public static readonly IReadOnlyList<string> PeriodHeaders = ["segment", "requests", "errors", "success rate", "hours with traffic"];

    /// <summary>Each segment's traffic over the period from the hourly history, by key, most traffic first.</summary>
    public static IEnumerable<IReadOnlyList<string>> PeriodRows(IEnumerable<SegmentPeriod> segments) => segments.Select(s => (IReadOnlyList<string>)
    [
        $"{s.Key}:{s.Value}", s.Requests.ToString("N0", CultureInfo.InvariantCulture), s.Errors.ToString("N0", CultureInfo.InvariantCulture),
        s.SuccessRate is { } rate ? Figure(rate, "0.##") + "%" : "–", s.Hours.Count.ToString(CultureInfo.InvariantCulture),
    ]);

    public static readonly IReadOnlyList<string> DriftHeaders = ["feature", "test", "statistic", "p-value", "adjusted p"];

    /// <summary>The drifted features of one segment's drift report.</summary>
    public static IEnumerable<IReadOnlyList<string>> DriftedFeatures(VersionDriftReport report) =>
        report.Features.Concat(report.Outputs).Where(f => f.Verdict?.Drifted == true).Select(f => (IReadOnlyList<string>)
        [
            f.Name, f.Verdict!.Test, Figure(f.Verdict.Statistic, "0.####"), Figure(f.Verdict.PValue, "0.####"), Figure(f.Verdict.AdjustedPValue, "0.####"),
        ]);
}
