using System.Globalization;
using Monitor.Grains.Versions;
using static Monitor.Grains.Reports.Rendering.HtmlText;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>One version's sections of the HTML report: traffic, latency, outputs, drift, data quality, performance, business.</summary>
public static class HtmlVersionSections
{
    private static readonly string[] P = SvgChart.Palette;

    public static void Render(HtmlText html, VersionReview v)
    {
        var s = v.Summary;
        var times = v.Series.Select(p => p.Time).ToList();
        html.Section($"traffic-{v.Version}", "Traffic and errors", h => h
            .Pairs(
            [
                ("requests", s.TotalRequests.ToString("N0", CultureInfo.InvariantCulture)),
                ("errors", s.ErrorCount.ToString("N0", CultureInfo.InvariantCulture)),
                ("success rate", s.SuccessRate is { } rate ? Figure(rate, "0.##") + "%" : "–"),
                ("throughput", Figure(s.ThroughputPerSecond, "0.###") + " /s"),
                .. s.ErrorsByType.OrderByDescending(e => e.Value).Select(e => ($"errors: {e.Key}", e.Value.ToString("N0", CultureInfo.InvariantCulture))),
            ])
            .Raw(SvgChart.Line($"Requests and errors per {v.StepSeconds} s", times,
            [
                new("requests", P[0], [.. v.Series.Select(p => (double?)p.TotalRequests)]),
                new("errors", P[1], [.. v.Series.Select(p => (double?)p.ErrorCount)]),
            ])));

        html.Section($"latency-{v.Version}", "Latency", h => h
            .Pairs(
            [
                ("mean (ms)", Figure(s.AvgLatencyMs, "0.##")), ("p50 (ms)", Figure(s.P50LatencyMs, "0.##")), ("p95 (ms)", Figure(s.P95LatencyMs, "0.##")),
                ("p99 (ms)", Figure(s.P99LatencyMs, "0.##")), ("max (ms)", Figure(s.MaxLatencyMs, "0.##")), ("percentiles", s.Percentiles.Method),
            ])
            .Raw(SvgChart.Line("Latency percentiles (ms)", times,
            [
                new("p50", P[0], [.. v.Series.Select(p => p.P50LatencyMs)]),
                new("p95", P[3], [.. v.Series.Select(p => p.P95LatencyMs)]),
                new("p99", P[1], [.. v.Series.Select(p => p.P99LatencyMs)]),
            ])));

        html.Section($"outputs-{v.Version}", "Output distribution", h => Outputs(h, s, v));
        html.Section($"drift-{v.Version}", "Drift per feature", h => HtmlDriftSection.Render(h, v));
        html.Section($"segments-{v.Version}", "Segments", h => HtmlSegmentSection.Render(h, v));
        html.Section($"quality-{v.Version}", "Data quality", h => Quality(h, s));
        html.Section($"performance-{v.Version}", "Performance, realized and estimated", h => Performance(h, s, v, times));
        html.Section($"business-{v.Version}", "Business figures", h => Business(h, s, v, times));
    }

    private static void Outputs(HtmlText html, VersionSummary s, VersionReview v)
    {
        var predictions = s.Predictions;
        if (predictions.Classes is { Count: > 0 } classes)
        {
            var ordered = classes.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
            html.Raw(SvgChart.Bars("Predicted classes", [.. ordered.Select(c => c.Key)], [new("predictions", P[0], [.. ordered.Select(c => (double?)c.Value)])]));
        }
        else if (predictions.Kind == "regression")
        {
            html.Pairs([("mean", Figure(predictions.Mean)), ("min", Figure(predictions.Min)), ("p50", Figure(predictions.P50)), ("p95", Figure(predictions.P95)), ("max", Figure(predictions.Max))]);
        }
        else
        {
            html.Element("p", "No prediction in the period.", "note");
        }

        if (s.Confidence.Count > 0)
        {
            html.Element("p", $"Confidence: mean {Figure(s.Confidence.Mean)}, below {Figure(s.Confidence.LowThreshold)}: {Percent(s.Confidence.LowShare)}", "meta")
                .Raw(SvgChart.Bars("Confidence histogram", [.. s.Confidence.Histogram.Select(b => Figure(b.Lower, "0.##"))], [new("records", P[4], [.. s.Confidence.Histogram.Select(b => (double?)b.Count)])]))
                .Raw(SvgChart.Line("Mean confidence", [.. v.Series.Select(p => p.Time)], [new("confidence", P[4], [.. v.Series.Select(p => p.ConfidenceMean)])]));
        }
    }

    private static void Quality(HtmlText html, VersionSummary s)
    {
        if (s.DataQuality is not { Records: > 0 } quality)
        {
            html.Element("p", "No record in the period to check.", "note");
            return;
        }

        html.Element("p", Inv($"{quality.Records:N0} records checked against the {quality.Schema} schema; schema violations {Percent(quality.SchemaViolationShare)}; refused for NaN or infinity: {quality.NonFiniteRefused:N0}"), "meta")
            .Table(
                ["feature", "kind", "records", "null", "missing", "wrong type", "out of range", "unseen category"],
                quality.Features.Select(f => (IReadOnlyList<string>)
                [
                    f.Name, f.Kind, f.Records.ToString(CultureInfo.InvariantCulture), Percent(f.NullShare), Percent(f.MissingShare),
                    Percent(f.WrongTypeShare), Percent(f.OutOfRangeShare), Percent(f.UnseenCategoryShare),
                ]));
    }

    private static void Performance(HtmlText html, VersionSummary s, VersionReview v, IReadOnlyList<DateTimeOffset> times)
    {
        var outcomes = s.Outcomes;
        if (outcomes is null)
        {
            html.Element("p", "No label or business event yet: realized performance needs labels (POST /v1/labels).", "note");
            return;
        }

        html.Element("p", Inv($"Labels joined {outcomes.Labels.Joined:N0}, coverage {Percent(outcomes.Labels.Coverage)}, late {outcomes.Labels.Late:N0}, unknown id {outcomes.Labels.UnknownId:N0}"), "meta");
        if (outcomes.Classification is { } c)
        {
            html.Pairs(
            [
                ("accuracy", Percent(c.Accuracy)), ("precision (macro)", Figure(c.PrecisionMacro)), ("recall (macro)", Figure(c.RecallMacro)),
                ("F1 (macro)", Figure(c.F1Macro)), ("F1 (weighted)", Figure(c.F1Weighted)), ("ROC AUC", Figure(c.RocAuc?.Value)),
            ]);
            html.Table(["class", "precision", "recall", "F1", "support"],
                c.Classes.OrderBy(k => k.Class, StringComparer.Ordinal).Select(k => (IReadOnlyList<string>)[k.Class, Figure(k.Precision), Figure(k.Recall), Figure(k.F1), k.Support.ToString(CultureInfo.InvariantCulture)]));
            if (c.ConfusionMatrix.Classes.Count > 0)
            {
                var (headers, rows) = ConfusionTable.Of(c.ConfusionMatrix);
                html.Element("p", "Confusion matrix (rows: true class, columns: predicted)", "meta").Table(headers, rows);
            }
        }

        if (outcomes.Regression is { } r)
        {
            html.Pairs([("MAE", Figure(r.Mae)), ("RMSE", Figure(r.Rmse)), ("MAPE", Percent(r.Mape)), ("mean error", Figure(r.MeanError))]);
        }

        if (outcomes.Estimated is { } e)
        {
            html.Element("p", $"Estimated without labels ({e.Method}{(e.Uncalibrated ? ", uncalibrated" : "")}): accuracy {Percent(e.Accuracy)}"
                + (e.EstimateContradicted == true ? "; the realized figures contradict the estimate" : ""), "meta");
            if (e.Metrics.Count > 0)
            {
                html.Table(["metric", "estimate", "band", "realized", "contradicted"],
                    e.Metrics.Select(m => (IReadOnlyList<string>)
                    [
                        m.Metric, Figure(m.Estimate), m.Lower is null ? "–" : $"{Figure(m.Lower)} to {Figure(m.Upper)}", Figure(m.Realized),
                        m.Contradicted is { } x ? (x ? "yes" : "no") : "–",
                    ]));
            }
        }

        html.Raw(SvgChart.Line("Accuracy, realized and estimated", times,
        [
            new("realized", P[2], [.. v.Series.Select(p => p.Outcomes?.Accuracy)]),
            new("estimated", P[4], [.. v.Series.Select(p => p.Outcomes?.EstimatedAccuracy)]),
        ]));
    }

    private static void Business(HtmlText html, VersionSummary s, VersionReview v, IReadOnlyList<DateTimeOffset> times)
    {
        if (s.Outcomes?.Business is not { Types.Count: > 0 } business)
        {
            html.Element("p", "No business event in the period (POST /v1/events).", "note");
            return;
        }

        html.Pairs(
        [
            ("click-through rate", Percent(business.ClickThroughRate)), ("conversion rate", Percent(business.ConversionRate)),
            ("revenue per prediction", Figure(business.RevenuePerPrediction, "0.####")), ("revenue", Figure(business.RevenueTotal, "0.##")),
        ])
            .Table(["event", "events", "matched", "rate", "value"],
                business.Types.Select(t => (IReadOnlyList<string>)[t.Type, t.Events.ToString(CultureInfo.InvariantCulture), t.Matched.ToString(CultureInfo.InvariantCulture), Percent(t.Rate), Figure(t.ValueSum, "0.##")]))
            .Raw(SvgChart.Line("Click-through and conversion rates", times,
            [
                new("click-through", P[0], [.. v.Series.Select(p => p.Outcomes?.ClickThroughRate)]),
                new("conversion", P[3], [.. v.Series.Select(p => p.Outcomes?.ConversionRate)]),
            ]));
    }
}
