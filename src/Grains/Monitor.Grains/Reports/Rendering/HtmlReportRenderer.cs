using static Monitor.Grains.Reports.Rendering.HtmlText;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>
/// The report as one self-contained HTML page: styles inline, charts as inline SVG, no script and no
/// reference to anything outside the page, so it opens offline, survives being mailed, and prints (print
/// styles keep sections whole and drop the screen's colours behind tables).
/// </summary>
public static class HtmlReportRenderer
{
    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0 auto;max-width:1100px;padding:16px 24px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
        .meta{color:#57606a}.note{color:#57606a;font-style:italic}.scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;margin:6px 0;font-variant-numeric:tabular-nums}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:middle}
        th{background:#f6f8fa}.better{color:#1a7f37}.worse{color:#cf222e}
        svg.chart{width:100%;max-width:720px;height:auto;display:block;margin:6px 0}svg .axis{stroke:#8c959f}svg .tick{font-size:10px;fill:#57606a}
        svg .ctitle{font-size:12px;font-weight:600;fill:#1b1f24}svg .empty{font-size:12px;fill:#8c959f}
        section{break-inside:avoid;page-break-inside:avoid}
        @media print{body{max-width:none;padding:0;font-size:11px}h2{break-before:auto;break-after:avoid}th{background:none}.scroll{overflow:visible}a{color:inherit;text-decoration:none}}
        """;

    public static string Render(ReviewReport report)
    {
        var html = new HtmlText();
        var title = report.Version is null ? $"Review of {report.Model}" : $"Review of {report.Model}/{report.Version}";
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
            .Element("title", $"{title}, {report.Period} to {Time(report.To)}")
            .Raw($"<style>{Style}</style></head><body><header>")
            .Element("h1", title)
            .Element("p", $"Period {report.Period}: {Time(report.From)} to {Time(report.To)} · figures cover the last {ReviewReportBuilder.Durations(TimeSpan.FromMinutes(report.CoveredMinutes))} · generated {Time(report.GeneratedAt)}", "meta");
        foreach (var note in report.Notes)
        {
            html.Element("p", note, "note");
        }

        html.Raw("</header>");
        WhatChanged(html, report.WhatChanged);
        foreach (var version in report.Versions)
        {
            html.Raw("<article class=\"version\">").Element("h2", $"Version {version.Version}");
            HtmlVersionSections.Render(html, version);
            html.Raw("</article>");
        }

        Comparison(html, report);
        Alerts(html, report.Alerts);
        html.Raw("</body></html>");
        return html.ToString();
    }

    private static void WhatChanged(HtmlText html, WhatChanged changed)
    {
        html.Raw("<section id=\"what-changed\">").Element("h2", "What changed");
        if (changed.Previous is { } previous)
        {
            html.Element("p", $"{Time(changed.Current.From)} to {Time(changed.Current.To)} against {Time(previous.From)} to {Time(previous.To)}"
                + (changed.PreviousSource == "previous_review" ? " (the figures the previous review kept)" : ""), "meta");
        }
        else
        {
            html.Element("p", "No previous period to compare with; this period's figures only.", "note");
        }

        html.MarkupTable(
            ["figure", "previous", "current", "change"],
            changed.Figures.Select(f => (IReadOnlyList<string>)
            [
                Escape(FigureName(f.Figure)), Escape(FigureValue(f.Figure, f.Previous)), Escape(FigureValue(f.Figure, f.Current)),
                $"<span class=\"{(f.Direction is "better" or "worse" ? f.Direction : "")}\">{Escape(ChangeText(f))}</span>",
            ]));
        if (changed.NewlyDrifted.Count > 0)
        {
            html.Element("p", "Newly drifted: " + string.Join(", ", changed.NewlyDrifted), "worse");
        }

        if (changed.NoLongerDrifted.Count > 0)
        {
            html.Element("p", "No longer drifted: " + string.Join(", ", changed.NoLongerDrifted), "better");
        }

        if (changed.Current.DriftedFeatures.Length > 0)
        {
            html.Element("p", "Drifted in the period: " + string.Join(", ", changed.Current.DriftedFeatures));
        }

        html.Raw("</section>");
    }

    private static void Comparison(HtmlText html, ReviewReport report)
    {
        html.Raw("<section id=\"ab\">").Element("h2", "A/B results");
        if (report.Comparison is not { } comparison)
        {
            html.Element("p", report.ComparisonNote ?? "No comparison.", "note").Raw("</section>");
            return;
        }

        foreach (var pair in comparison.Comparisons)
        {
            html.Element("h3", $"{pair.B} against {pair.A}" + (comparison.Champion == pair.A ? " (champion)" : ""))
                .Element("p", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Traffic: {pair.A} {pair.Traffic.PredictionsA:N0} ({Percent(pair.Traffic.ShareA)}), {pair.B} {pair.Traffic.PredictionsB:N0} ({Percent(pair.Traffic.ShareB)}); drift: {pair.A} {pair.Drift.A.Verdict}, {pair.B} {pair.Drift.B.Verdict}"), "meta")
                .Table(
                    ["metric", pair.A, pair.B, "difference", "95% CI", "p-value", "test", "verdict"],
                    pair.Metrics.Select(m => (IReadOnlyList<string>)
                    [
                        m.Metric, Figure(m.A, "0.####"), Figure(m.B, "0.####"), Figure(m.Difference, "0.####"),
                        m.Ci95Lower is null ? "–" : $"{Figure(m.Ci95Lower, "0.####")} to {Figure(m.Ci95Upper, "0.####")}",
                        Figure(m.PValue, "0.####"), m.Test, m.Verdict.Replace('_', ' '),
                    ]));
        }

        html.Raw("</section>");
    }

    private static void Alerts(HtmlText html, IReadOnlyList<ReportAlert> alerts)
    {
        html.Raw("<section id=\"alerts\">").Element("h2", "Alerts of the period");
        if (alerts.Count == 0)
        {
            html.Element("p", "No alert fired, resolved or was muted in the period.", "note");
        }
        else
        {
            html.Element("p", $"{alerts.Count(a => a.Event == "firing")} fired, {alerts.Count(a => a.Event == "resolved")} resolved.", "meta")
                .Table(["time", "event", "alert", "version", "severity", "summary"],
                    alerts.Select(a => (IReadOnlyList<string>)[Time(a.Time), a.Event, a.Alert, a.Version ?? "", a.Severity ?? "", a.Summary ?? ""]));
        }

        html.Raw("</section>");
    }

    public static string FigureName(string figure) => figure switch
    {
        "requests" => "requests",
        "error_rate" => "error rate",
        "p99_latency_ms" => "p99 latency (ms, mean of steps)",
        "accuracy" => "accuracy (realized)",
        "alerts_fired" => "alerts fired",
        _ => figure,
    };

    public static string FigureValue(string figure, double? value) => figure switch
    {
        "error_rate" or "accuracy" => Percent(value),
        "requests" or "alerts_fired" => value is { } v ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "–",
        _ => Figure(value, "0.#"),
    };

    public static string ChangeText(FigureChange change) => change.Direction switch
    {
        "unknown" => "–",
        "unchanged" => "unchanged",
        _ => (change.RelativeChange is { } r ? (r >= 0 ? "+" : "") + (r * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "% " : "") + change.Direction,
    };
}
