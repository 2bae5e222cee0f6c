using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>The drift and data-quality sections of a version with a reference its traffic drifted from (churn/v7).</summary>
[Collection(DashboardCollection.Name)]
public sealed class DriftSectionTests(DashboardFixture fixture)
{
    private const string Version = "/v1/models/churn/versions/v7";

    [Fact]
    public async Task The_drift_table_history_and_data_quality_hold_what_the_api_answers()
    {
        // The drift timer (every second here) records an evaluation once the reference is set.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await fixture.Api.GetFromJsonAsync<JsonElement>($"{Version}/drift/history?minutes=15")).GetProperty("evaluations").GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the drift timer recorded no evaluation");
            await Task.Delay(100);
        }

        await using var view = await fixture.OpenAsync("/#/models/churn/versions/v7?range=15m");
        var page = view.Page;
        await page.WaitForSelectorAsync("#drift-features tbody tr.drift-row");
        await page.WaitForSelectorAsync("[data-chart-table=drift-history] tbody tr", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.ClickAsync("#refresh-toggle");

        // No record arrives meanwhile, so evaluating the window again gives the figures the page shows.
        var report = await fixture.Api.GetFromJsonAsync<JsonElement>($"{Version}/drift");
        Assert.True(report.GetProperty("dataset").GetProperty("drifted").GetBoolean(), "the traffic drifted from the reference");
        Assert.Equal("true", await page.GetAttributeAsync("[data-drift-verdict] [data-drifted]", "data-drifted"));
        Assert.Equal(
            $"{report.GetProperty("dataset").GetProperty("features_drifted").GetInt32()} / {report.GetProperty("dataset").GetProperty("features_tested").GetInt32()}",
            await page.InnerTextAsync("[data-figure=features_drifted] .tile-value"));

        var rows = await Table(page, "#drift-features");
        var features = report.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(features.Select(f => f.GetProperty("name").GetString()), rows.Keys);
        foreach (var feature in features)
        {
            var shown = rows[feature.GetProperty("name").GetString()!];
            Assert.Equal(feature.GetProperty("status").GetString(), shown["status"]);
            Assert.Equal(feature.GetProperty("current_size").GetInt32().ToString(CultureInfo.InvariantCulture), shown["current_size"]);
            var verdict = feature.GetProperty("verdict");
            Assert.Equal(verdict.GetProperty("test").GetString(), shown["test"]);
            Assert.Equal(verdict.GetProperty("drifted").GetBoolean() ? "true" : "false", shown["drifted"]);
            foreach (var figure in new[] { "statistic", "p_value", "adjusted_p_value", "threshold" })
            {
                Same(verdict.TryGetProperty(figure, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null, shown[figure]);
            }
        }

        Assert.Contains(features, f => f.GetProperty("name").GetString() == "amount" && f.GetProperty("verdict").GetProperty("drifted").GetBoolean());
        Assert.Equal(
            report.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()),
            (await Table(page, "#drift-outputs")).Keys);

        // The history chart holds the adjusted p-values of GET .../drift/history, per evaluation and feature.
        var history = await fixture.Api.GetFromJsonAsync<JsonElement>($"{Version}/drift/history?minutes=15");
        var chart = await page.EvaluateAsync<JsonElement>(
            "() => [...document.querySelectorAll('[data-chart-table=drift-history] tbody tr')].map(r => ({ time: r.dataset.time, cells: Object.fromEntries([...r.querySelectorAll('td')].map(c => [c.dataset.series, c.dataset.value])) }))");
        var charted = chart.EnumerateArray().ToDictionary(r => r.GetProperty("time").GetString()!, r => r.GetProperty("cells"));
        var evaluations = history.GetProperty("evaluations").EnumerateArray().Select(e => Iso(e.GetProperty("time"))).ToList();
        Assert.NotEmpty(evaluations);
        Assert.True(evaluations.All(charted.ContainsKey), "every evaluation is charted");
        foreach (var series in history.GetProperty("features").EnumerateArray())
        {
            foreach (var point in series.GetProperty("points").EnumerateArray())
            {
                if (!charted.TryGetValue(Iso(point.GetProperty("time")), out var cells))
                {
                    continue; // an evaluation made after the page read the history
                }

                var expected = point.TryGetProperty("adjusted_p_value", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : (double?)null;
                Same(expected, cells.GetProperty(series.GetProperty("name").GetString()!).GetString());
            }
        }

        // Data quality of the period, per feature, as the summary counts it.
        var quality = (await fixture.Api.GetFromJsonAsync<JsonElement>($"{Version}/summary?minutes=15")).GetProperty("data_quality");
        Assert.Equal("reference", quality.GetProperty("schema").GetString());
        var qualityRows = await Table(page, "#data-quality");
        foreach (var feature in quality.GetProperty("features").EnumerateArray())
        {
            var shown = qualityRows[feature.GetProperty("name").GetString()!];
            foreach (var count in new[] { "nulls", "missing", "wrong_type", "out_of_range", "unseen_categories" })
            {
                Assert.Equal(feature.GetProperty(count).GetInt64().ToString(CultureInfo.InvariantCulture), shown[count]);
            }
        }

        Assert.True(long.Parse(qualityRows["amount"]["out_of_range"]!, CultureInfo.InvariantCulture) > 0, "amounts beyond the reference's range are counted");

        await view.ScreenshotAsync("drift.png");
        view.AssertSelfContained();
    }

    [Fact]
    public async Task A_challenger_with_too_few_records_shows_insufficient_data_and_that_its_outputs_are_not_compared()
    {
        // The fixture's challenger: a copy of churn/v7's reference (features only, the default) and 5 records.
        var report = await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/models/sparse/versions/v1/drift");
        Assert.Equal("insufficient_data", report.GetProperty("dataset").GetProperty("status").GetString());

        await using (var overview = await fixture.OpenAsync("/#/"))
        {
            const string cell = "#versions tr[data-model='sparse'][data-version='v1'] [data-drift]";
            await overview.Page.WaitForSelectorAsync(cell);
            Assert.Equal("insufficient_data", await overview.Page.GetAttributeAsync(cell, "data-drift"));
            Assert.Equal("insufficient data", await overview.Page.InnerTextAsync(cell));
            overview.AssertSelfContained();
        }

        await using var view = await fixture.OpenAsync("/#/models/sparse/versions/v1?range=15m");
        var page = view.Page;
        await page.WaitForSelectorAsync("[data-drift-verdict] [data-status]");
        Assert.Equal("insufficient_data", await page.GetAttributeAsync("[data-drift-verdict] [data-status]", "data-status"));
        Assert.Contains("Insufficient data", await page.InnerTextAsync("[data-drift-verdict]"));
        Assert.DoesNotContain("No drift", await page.InnerTextAsync("[data-drift-verdict]"));
        var rows = await Table(page, "#drift-features");
        Assert.All(rows.Values, r => Assert.Equal("insufficient_data", r["status"]));
        Assert.Contains("not compared", await page.InnerTextAsync("[data-outputs-note]"));
        await view.ScreenshotAsync("drift-insufficient.png");
        view.AssertSelfContained();
    }

    [Fact]
    public async Task A_version_without_a_reference_has_no_drift_section()
    {
        await using var view = await fixture.OpenAsync("/#/models/fraud/versions/v1");
        var page = view.Page;
        await page.WaitForSelectorAsync(".page.version[data-refreshed]");
        Assert.False(await page.Locator("[data-section=drift]").IsVisibleAsync());
        Assert.True(await page.Locator("[data-section=data-quality]").IsVisibleAsync(), "nulls and missing values are counted without a reference");
        view.AssertSelfContained();
    }

    /// <summary>A table's rows by their header cell: field → data-value.</summary>
    private static async Task<Dictionary<string, Dictionary<string, string?>>> Table(IPage page, string selector)
    {
        var rows = await page.EvaluateAsync<JsonElement>(
            "selector => [...document.querySelectorAll(`${selector} tbody tr[data-feature]`)].map(r => ({ name: r.dataset.feature, cells: Object.fromEntries([...r.querySelectorAll('td[data-field]')].map(c => [c.dataset.field, c.dataset.value])) }))",
            selector);
        return rows.EnumerateArray().ToDictionary(
            r => r.GetProperty("name").GetString()!,
            r => r.GetProperty("cells").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetString()));
    }

    private static string Iso(JsonElement time) => time.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>The page writes numbers with JavaScript's shortest round-trip form, so they parse back to the same double.</summary>
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
