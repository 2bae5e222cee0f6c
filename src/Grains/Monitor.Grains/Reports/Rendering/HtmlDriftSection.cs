using System.Globalization;
using static Monitor.Grains.Reports.Rendering.HtmlText;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>A version's drift section: the dataset verdict, each feature's test and its history over the period, and the distribution plots.</summary>
public static class HtmlDriftSection
{
    public static void Render(HtmlText html, VersionReview v)
    {
        if (v.Drift is not { } drift)
        {
            html.Element("p", v.DriftNote ?? "No drift report.", "note");
            return;
        }

        var verdict = drift.Dataset.Drifted switch
        {
            true => "drift",
            false => "no drift",
            null => "insufficient data",
        };
        html.Element("p", string.Create(CultureInfo.InvariantCulture,
            $"Now, on the last {drift.WindowRecords} records against {drift.ReferenceRows} reference rows: {verdict} ({drift.Dataset.FeaturesDrifted} of {drift.Dataset.FeaturesTested} features drifted, {drift.Dataset.Correction} correction at α = {drift.Dataset.Alpha})."),
            drift.Dataset.Drifted == true ? "worse" : "meta");
        var trends = v.FeatureTrends.ToDictionary(t => t.Feature, StringComparer.Ordinal);
        html.MarkupTable(
            ["feature", "kind", "status", "test", "statistic", "p-value", "adjusted p", "drift", "drifted in period", "p-value over the period"],
            drift.Features.Concat(drift.Outputs).Select(f =>
            {
                trends.TryGetValue(f.Name, out var trend);
                return (IReadOnlyList<string>)
                [
                    Escape(f.Name), Escape(f.Kind), Escape(f.Status.Replace('_', ' ')), Escape(f.Verdict?.Test ?? "–"),
                    Escape(Figure(f.Verdict?.Statistic, "0.####")), Escape(Figure(f.Verdict?.PValue, "0.####")), Escape(Figure(f.Verdict?.AdjustedPValue, "0.####")),
                    f.Verdict is { } x ? (x.Drifted ? "<span class=\"worse\">yes</span>" : "no") : "–",
                    trend is null ? "–" : Escape(string.Create(CultureInfo.InvariantCulture, $"{trend.Drifted} of {trend.Evaluations}")),
                    trend is null || trend.PValues.Count == 0 ? "–" : SvgChart.Sparkline(trend.PValues, f.Verdict?.Drifted == true ? SvgChart.Palette[1] : SvgChart.Palette[0]),
                ];
            }));

        if (v.Distributions.Count == 0)
        {
            html.Element("p", "Distribution plots: not available for this version (no reference, or no distribution answered).", "note");
            return;
        }

        foreach (var plot in v.Distributions)
        {
            html.Raw(SvgChart.Bars(
                $"{plot.Feature}: reference against current ({(plot.Kind == "numeric" ? "histogram" : "categories")}, share of values)",
                plot.Labels,
                [new("reference", SvgChart.Palette[0], [.. plot.Reference.Select(x => (double?)x)]), new("current", SvgChart.Palette[3], [.. plot.Current.Select(x => (double?)x)])]));
        }
    }
}
