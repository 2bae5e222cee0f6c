namespace Monitor.Grains.Reports.Rendering;

/// <summary>A version's segments: each one's health, and the features drifted in each drifted segment.</summary>
public static class HtmlSegmentSection
{
    public static void Render(HtmlText html, VersionReview v)
    {
        if (v.SegmentKeys.Count == 0)
        {
            html.Element("p", "No segment keys: declare them with PUT .../segments to see traffic and drift per country, device or any feature.", "note");
            return;
        }

        if (v.SegmentPeriod is { } period)
        {
            html.Element("p", $"Keys {string.Join(", ", v.SegmentKeys)}; traffic over the period, from the hourly history.", "meta")
                .Table(SegmentTable.PeriodHeaders, SegmentTable.PeriodRows(period));
        }

        html.Element("p", $"Keys {string.Join(", ", v.SegmentKeys)}; the last hour, most severe first (drift: current window).", "meta")
            .Table(SegmentTable.Headers, SegmentTable.Rows(v.Segments));
        foreach (var report in v.SegmentDrift)
        {
            html.Element("p", $"Drifted in {report.Segment}, current window (against {report.SegmentReference ?? "the reference"} rows):", "worse")
                .Table(SegmentTable.DriftHeaders, SegmentTable.DriftedFeatures(report));
        }
    }
}
