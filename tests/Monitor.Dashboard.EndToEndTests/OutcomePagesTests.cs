using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// The A/B compare page and the labels section over fraud/v1 (champion, labels right 90% of the time)
/// and fraud/v2 (70%): what the page shows is what the API answers.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OutcomePagesTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Compare_page_defaults_to_the_champion_and_shows_the_apis_figures()
    {
        await fixture.OutcomesAsync();
        await using var view = await fixture.OpenAsync("/#/compare?model=fraud&range=1h");
        var page = view.Page;
        await page.WaitForSelectorAsync(".comparison[data-a='v1'][data-b='v2'] tr[data-metric]");
        await page.ClickAsync("#refresh-toggle");
        Assert.Equal("v1", await page.GetAttributeAsync("[data-champion]", "data-champion"));

        // No record arrives meanwhile, so the API compares the same samples the page did.
        var answer = await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/models/fraud/compare?minutes=60");
        var comparison = answer.GetProperty("comparisons").EnumerateArray().Single();
        Assert.Equal("v1", comparison.GetProperty("a").GetString());
        Assert.Equal("v2", comparison.GetProperty("b").GetString());
        var shown = await Rows(page, ".comparison[data-a='v1'][data-b='v2'] tr[data-metric]", "metric");
        var metrics = comparison.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(metrics.Select(m => m.GetProperty("metric").GetString()), shown.Keys);
        foreach (var metric in metrics)
        {
            var row = shown[metric.GetProperty("metric").GetString()!];
            foreach (var field in new[] { "a", "b", "difference", "relative_difference", "p_value" })
            {
                Same(Number(metric, field), row[field]);
            }

            Same(Number(metric, "ci95_lower"), row["ci95_lower"]);
            Same(Number(metric, "ci95_upper"), row["ci95_upper"]);
            Assert.Equal(metric.GetProperty("verdict").GetString(), row["verdict"]);
            Same(metric.TryGetProperty("sample_needed", out var needed) && needed.ValueKind == JsonValueKind.Object ? needed.GetProperty("per_version").GetDouble() : null, row["sample_needed"]);
        }

        // Drift verdicts side by side: neither fraud version has a reference.
        Assert.Equal(comparison.GetProperty("drift").GetProperty("a").GetProperty("verdict").GetString(),
            await page.GetAttributeAsync(".comparison[data-a='v1'][data-b='v2'] [data-part=drift] [data-drift]", "data-drift"));

        // Neither fraud version has a labelled reference: both estimates trust raw confidences, and the page says so,
        // and whether each version's own labels contradict its estimate, as the API does.
        var estimates = comparison.GetProperty("estimates");
        var shownEstimates = page.Locator(".comparison[data-a='v1'][data-b='v2'] [data-part=estimate] [data-uncalibrated]");
        Assert.Equal(2, await shownEstimates.CountAsync());
        foreach (var (side, i) in new[] { ("a", 0), ("b", 1) })
        {
            var e = estimates.GetProperty(side);
            Assert.True(e.GetProperty("uncalibrated").GetBoolean());
            Assert.Equal("true", await shownEstimates.Nth(i).GetAttributeAsync("data-uncalibrated"));
            var contradicted = e.TryGetProperty("estimate_contradicted", out var c) ? (c.GetBoolean() ? "true" : "false") : string.Empty;
            Assert.Equal(contradicted, await shownEstimates.Nth(i).GetAttributeAsync("data-contradicted"));
            Assert.Contains("uncalibrated", await shownEstimates.Nth(i).InnerTextAsync());
        }

        // Confidences uniform on [0.5, 1] (mean 0.75) against labels right 90% of the time: v1's labels contradict its estimate.
        Assert.Equal("true", await shownEstimates.Nth(0).GetAttributeAsync("data-contradicted"));
        Assert.Contains("contradicted", await shownEstimates.Nth(0).InnerTextAsync());
        Assert.Contains("uncalibrated", await page.InnerTextAsync(".comparison[data-a='v1'][data-b='v2'] tr[data-metric=estimated_accuracy] [data-field=verdict]"));

        // Labels were right 90% of the time for v1 and 70% for v2: with ~270 labels each, that is significant.
        Assert.Equal("worse", shown["accuracy"]["verdict"]);

        // Choosing a pair asks the API for that pair.
        await page.SelectOptionAsync("#compare-a", "v2");
        await page.SelectOptionAsync("#compare-b", "v1");
        await page.WaitForSelectorAsync(".comparison[data-a='v2'][data-b='v1']");
        Assert.Equal("better", await page.GetAttributeAsync(".comparison[data-a='v2'][data-b='v1'] tr[data-metric=accuracy]", "data-verdict"));
        await page.SelectOptionAsync("#compare-a", "v1");
        await page.SelectOptionAsync("#compare-b", "v2");
        await page.WaitForSelectorAsync(".comparison[data-a='v1'][data-b='v2']");

        await view.ScreenshotAsync("compare.png");
        view.AssertSelfContained();
    }

    [Fact]
    public async Task Labels_section_shows_the_summarys_performance_confusion_matrix_and_calibration()
    {
        await fixture.OutcomesAsync();
        await using var view = await fixture.OpenAsync("/#/models/fraud/versions/v1?range=1h");
        var page = view.Page;
        await page.WaitForSelectorAsync("#confusion-matrix tbody tr");
        await page.ClickAsync("#refresh-toggle");

        var outcomes = (await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/models/fraud/versions/v1/summary?minutes=60")).GetProperty("outcomes");
        var classification = outcomes.GetProperty("classification");
        foreach (var figure in new[] { "accuracy", "precision_macro", "recall_macro", "f1_macro", "f1_weighted" })
        {
            Same(Number(classification, figure), await page.GetAttributeAsync($"[data-section=outcomes] [data-figure={figure}] .tile-value", "data-value"));
        }

        Same(outcomes.GetProperty("labels").GetProperty("joined").GetDouble(), await page.GetAttributeAsync("[data-figure=joined] .tile-value", "data-value"));
        Same(Number(outcomes.GetProperty("estimated"), "accuracy"), await page.GetAttributeAsync("[data-figure=estimated_accuracy] .tile-value", "data-value"));
        var estimated = outcomes.GetProperty("estimated");
        Assert.True(estimated.GetProperty("uncalibrated").GetBoolean());
        Assert.True(await page.Locator("[data-part=estimate-note] [data-uncalibrated=true]").IsVisibleAsync());
        Assert.Contains("uncalibrated", await page.InnerTextAsync("[data-figure=estimated_accuracy] .tile-label"));
        Assert.Equal(estimated.TryGetProperty("estimate_contradicted", out var judged) && judged.GetBoolean(),
            await page.Locator("[data-part=estimate-note] [data-contradicted=true]").CountAsync() == 1);
        Same(Number(outcomes.GetProperty("estimated"), "realized_accuracy"), await page.GetAttributeAsync("[data-figure=realized_accuracy] .tile-value", "data-value"));
        Same(Number(outcomes.GetProperty("business"), "click_through_rate"), await page.GetAttributeAsync("[data-figure=click_through_rate] .tile-value", "data-value"));

        var matrix = classification.GetProperty("confusion_matrix");
        var classes = matrix.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToList();
        var counts = matrix.GetProperty("counts").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt64()).ToList()).ToList();
        for (var i = 0; i < classes.Count; i++)
        {
            for (var j = 0; j < classes.Count; j++)
            {
                var cell = await page.GetAttributeAsync($"#confusion-matrix tr[data-true='{classes[i]}'] td[data-predicted='{classes[j]}']", "data-value");
                Assert.Equal(counts[i][j].ToString(CultureInfo.InvariantCulture), cell);
            }
        }

        var bins = outcomes.GetProperty("estimated").GetProperty("calibration").EnumerateArray().ToList();
        var shownBins = await page.EvalOnSelectorAllAsync<string[][]>(
            "[data-chart-table=calibration] tbody tr", "rows => rows.map(r => [...r.querySelectorAll('td')].map(c => c.dataset.value))");
        Assert.Equal(bins.Count, shownBins.Length);
        for (var i = 0; i < bins.Count; i++)
        {
            Assert.Equal(bins[i].GetProperty("count").GetInt64().ToString(CultureInfo.InvariantCulture), shownBins[i][0]);
            Same(bins[i].GetProperty("mean_confidence").GetDouble(), shownBins[i][1]);
            Same(bins[i].GetProperty("accuracy").GetDouble(), shownBins[i][2]);
        }

        await view.ScreenshotAsync("labels.png");
        view.AssertSelfContained();
    }

    [Fact]
    public async Task A_version_without_labels_or_events_has_no_labels_section()
    {
        await fixture.OutcomesAsync();
        await using var view = await fixture.OpenAsync("/#/models/churn/versions/v7");
        await view.Page.WaitForSelectorAsync(".page.version[data-refreshed]");
        Assert.False(await view.Page.Locator("[data-section=outcomes]").IsVisibleAsync());
        view.AssertSelfContained();
    }

    /// <summary>Rows of a table by a data attribute: field → data-value (and the CI bounds).</summary>
    private static async Task<Dictionary<string, Dictionary<string, string?>>> Rows(IPage page, string selector, string key)
    {
        var rows = await page.EvaluateAsync<JsonElement>(
            "([selector, key]) => [...document.querySelectorAll(selector)].map(r => ({ key: r.dataset[key], cells: Object.fromEntries([...r.querySelectorAll('[data-field]')].flatMap(c => c.dataset.field === 'ci95' ? [['ci95_lower', c.dataset.lower], ['ci95_upper', c.dataset.upper]] : [[c.dataset.field, c.dataset.value]])) }))",
            new[] { selector, key });
        return rows.EnumerateArray().ToDictionary(
            r => r.GetProperty("key").GetString()!,
            r => r.GetProperty("cells").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetString()));
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static void Same(double? expected, string? shown)
    {
        if (expected is null)
        {
            Assert.True(string.IsNullOrEmpty(shown), $"expected no value, shown {shown}");
            return;
        }

        Assert.False(string.IsNullOrEmpty(shown), $"expected {expected:R}, shown nothing");
        Assert.Equal(expected.Value, double.Parse(shown!, CultureInfo.InvariantCulture));
    }
}
