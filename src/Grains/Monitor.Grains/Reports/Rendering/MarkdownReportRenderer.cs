using System.Globalization;
using System.Text;
using static Monitor.Grains.Reports.Rendering.HtmlText;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>The report as Markdown text: the same sections as the HTML page, figures in tables, without charts.</summary>
public static class MarkdownReportRenderer
{
    public static string Render(ReviewReport report)
    {
        var md = new StringBuilder();
        md.Append("# Review of ").Append(Cell(report.Version is null ? report.Model : $"{report.Model}/{report.Version}")).Append("\n\n");
        md.Append(Inv($"Period {report.Period}: {Time(report.From)} to {Time(report.To)}; figures cover the last {ReviewReportBuilder.Durations(TimeSpan.FromMinutes(report.CoveredMinutes))}; generated {Time(report.GeneratedAt)}.\n\n"));
        foreach (var note in report.Notes)
        {
            md.Append("> ").Append(Line(note)).Append("\n\n");
        }

        md.Append(Summary(report));
        foreach (var v in report.Versions)
        {
            Version(md, v);
        }

        md.Append("## A/B results\n\n");
        if (report.Comparison is { } comparison)
        {
            foreach (var pair in comparison.Comparisons)
            {
                md.Append("### ").Append(Cell(pair.B)).Append(" against ").Append(Cell(pair.A)).Append("\n\n");
                Table(md, ["metric", pair.A, pair.B, "difference", "p-value", "verdict"],
                    pair.Metrics.Select(m => (IReadOnlyList<string>)[m.Metric, Figure(m.A, "0.####"), Figure(m.B, "0.####"), Figure(m.Difference, "0.####"), Figure(m.PValue, "0.####"), m.Verdict.Replace('_', ' ')]));
            }
        }
        else
        {
            md.Append(Line(report.ComparisonNote ?? "No comparison.")).Append("\n\n");
        }

        md.Append("## Alerts of the period\n\n");
        if (report.Alerts.Count == 0)
        {
            md.Append("No alert fired, resolved or was muted in the period.\n");
        }
        else
        {
            Table(md, ["time", "event", "alert", "version", "severity", "summary"],
                report.Alerts.Select(a => (IReadOnlyList<string>)[Time(a.Time), a.Event, a.Alert, a.Version ?? "", a.Severity ?? "", a.Summary ?? ""]));
        }

        return md.ToString();
    }

    /// <summary>"What changed" as Markdown: the top of every review, and the text of a Slack or webhook message.</summary>
    public static string Summary(ReviewReport report)
    {
        var md = new StringBuilder("## What changed\n\n");
        var changed = report.WhatChanged;
        if (changed.Previous is null)
        {
            md.Append("No previous period to compare with; this period's figures only.\n\n");
        }

        Table(md, ["figure", "previous", "current", "change"],
            changed.Figures.Select(f => (IReadOnlyList<string>)
            [
                HtmlReportRenderer.FigureName(f.Figure), HtmlReportRenderer.FigureValue(f.Figure, f.Previous),
                HtmlReportRenderer.FigureValue(f.Figure, f.Current), HtmlReportRenderer.ChangeText(f),
            ]));
        if (changed.NewlyDrifted.Count > 0)
        {
            md.Append("Newly drifted: ").Append(Line(string.Join(", ", changed.NewlyDrifted))).Append("\n\n");
        }

        if (changed.NoLongerDrifted.Count > 0)
        {
            md.Append("No longer drifted: ").Append(Line(string.Join(", ", changed.NoLongerDrifted))).Append("\n\n");
        }

        return md.ToString();
    }

    private static void Version(StringBuilder md, VersionReview v)
    {
        var s = v.Summary;
        md.Append("## Version ").Append(Cell(v.Version)).Append("\n\n### Traffic and errors\n\n");
        md.Append(Inv($"{s.TotalRequests:N0} requests, {s.ErrorCount:N0} errors, success rate {Figure(s.SuccessRate, "0.##")}%, {Figure(s.ThroughputPerSecond)} /s.\n\n"));
        md.Append("### Latency\n\n");
        md.Append(Inv($"p50 {Figure(s.P50LatencyMs, "0.##")} ms, p95 {Figure(s.P95LatencyMs, "0.##")} ms, p99 {Figure(s.P99LatencyMs, "0.##")} ms, max {Figure(s.MaxLatencyMs, "0.##")} ms ({s.Percentiles.Method}).\n\n"));
        md.Append("### Output distribution\n\n");
        if (s.Predictions.Classes is { Count: > 0 } classes)
        {
            Table(md, ["class", "predictions"], classes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (IReadOnlyList<string>)[c.Key, c.Value.ToString(CultureInfo.InvariantCulture)]));
        }
        else
        {
            md.Append(Inv($"{s.Predictions.Kind}: mean {Figure(s.Predictions.Mean)}, p50 {Figure(s.Predictions.P50)}, p95 {Figure(s.Predictions.P95)}.\n\n"));
        }

        md.Append("### Drift per feature\n\n");
        if (v.Drift is { } drift)
        {
            var trends = v.FeatureTrends.ToDictionary(t => t.Feature, StringComparer.Ordinal);
            Table(md, ["feature", "status", "test", "p-value", "drift", "drifted in period"],
                drift.Features.Concat(drift.Outputs).Select(f => (IReadOnlyList<string>)
                [
                    f.Name, f.Status.Replace('_', ' '), f.Verdict?.Test ?? "–", Figure(f.Verdict?.PValue, "0.####"),
                    f.Verdict is { } x ? (x.Drifted ? "yes" : "no") : "–",
                    trends.TryGetValue(f.Name, out var t) ? Inv($"{t.Drifted} of {t.Evaluations}") : "–",
                ]));
        }
        else
        {
            md.Append(Line(v.DriftNote ?? "No drift report.")).Append("\n\n");
        }

        md.Append("### Segments\n\n");
        if (v.SegmentKeys.Count == 0)
        {
            md.Append("No segment keys.\n\n");
        }
        else
        {
            if (v.SegmentPeriod is { } period)
            {
                md.Append("Traffic over the period, from the hourly history:\n\n");
                Table(md, SegmentTable.PeriodHeaders, SegmentTable.PeriodRows(period));
                md.Append("The last hour (drift: current window):\n\n");
            }

            Table(md, SegmentTable.Headers, SegmentTable.Rows(v.Segments));
            foreach (var report in v.SegmentDrift)
            {
                md.Append(Line($"Drifted in {report.Segment}, current window:")).Append("\n\n");
                Table(md, SegmentTable.DriftHeaders, SegmentTable.DriftedFeatures(report));
            }
        }

        md.Append("### Data quality\n\n");
        if (s.DataQuality is { Records: > 0 } q)
        {
            Table(md, ["feature", "null", "missing", "wrong type", "out of range", "unseen"],
                q.Features.Select(f => (IReadOnlyList<string>)[f.Name, Percent(f.NullShare), Percent(f.MissingShare), Percent(f.WrongTypeShare), Percent(f.OutOfRangeShare), Percent(f.UnseenCategoryShare)]));
        }
        else
        {
            md.Append("No record in the period to check.\n\n");
        }

        md.Append("### Performance, realized and estimated\n\n");
        var o = s.Outcomes;
        md.Append(o is null ? "No label or business event yet.\n\n"
            : Inv($"Labels joined {o.Labels.Joined:N0}; accuracy {Percent(o.Classification?.Accuracy)}; F1 (macro) {Figure(o.Classification?.F1Macro)}; MAE {Figure(o.Regression?.Mae)}; estimated accuracy {Percent(o.Estimated?.Accuracy)}.\n\n"));
        md.Append("### Business figures\n\n");
        md.Append(o?.Business is { Types.Count: > 0 } b
            ? Inv($"Click-through {Percent(b.ClickThroughRate)}, conversion {Percent(b.ConversionRate)}, revenue {Figure(b.RevenueTotal, "0.##")} ({Figure(b.RevenuePerPrediction, "0.####")} per prediction).\n\n")
            : "No business event in the period.\n\n");
    }

    private static void Table(StringBuilder md, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.Append("| ").AppendJoin(" | ", headers.Select(Cell)).Append(" |\n|").Append(string.Concat(headers.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        }

        md.Append('\n');
    }

    /// <summary>Text in a table cell: pipes escaped, line breaks and control characters as spaces.</summary>
    private static string Cell(string text) => Line(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Line(string text) => new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
}
