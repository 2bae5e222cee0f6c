using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// The drift table of churn/v7 says why each verdict test was chosen and how its p-value was obtained, and opens
/// each feature's reference and current distributions: shared bins or ECDFs for a number, bars for categories,
/// holding exactly what GET .../drift/features/{feature}/distribution answers.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DistributionOverlayTests(DashboardFixture fixture)
{
    private const string Version = "/v1/models/churn/versions/v7";

    [Fact]
    public async Task The_drift_table_shows_each_verdicts_reason_and_p_value_method()
    {
        await using var view = await fixture.OpenAsync("/#/models/churn/versions/v7?range=15m");
        var page = view.Page;
        await page.WaitForSelectorAsync("#drift-features tbody tr.drift-row [data-field=reason]");
        var report = await fixture.Api.GetFromJsonAsync<JsonElement>($"{Version}/drift");
        foreach (var feature in report.GetProperty("features").EnumerateArray())
        {
            var verdict = feature.GetProperty("verdict");
            var row = $"#drift-features tr[data-feature='{feature.GetProperty("name").GetString()}']";
            Assert.Equal(verdict.GetProperty("reason").GetString(), await page.GetAttributeAsync($"{row} [data-field=reason]", "data-value"));
            Assert.Equal(verdict.GetProperty("reason").GetString(), (await page.InnerTextAsync($"{row} [data-field=reason]")).Trim());
            if (verdict.TryGetProperty("p_value_method", out var method))
            {
                Assert.Equal(method.GetString(), await page.GetAttributeAsync($"{row} [data-field=p_value_method]", "data-value"));
            }
        }

        view.AssertSelfContained();
    }

    [Fact]
    public async Task A_numeric_feature_opens_to_its_shared_bins_and_its_ecdfs_and_a_categorical_one_to_its_categories()
    {
        await using var view = await fixture.OpenAsync("/#/models/churn/versions/v7?range=15m");
        var page = view.Page;
        await page.WaitForSelectorAsync("#drift-features tr[data-feature=amount] [data-action=distribution]");
        await page.ClickAsync("#refresh-toggle");
        await page.ClickAsync("#drift-features tr[data-feature=amount] [data-action=distribution]");
        await page.WaitForSelectorAsync("[data-distribution][data-feature=amount] svg.plot[data-kind=bins]");

        // The fixture sends no record meanwhile: the page's bins are the API's, as shares of each sample.
        var d = await fixture.Api.GetFromJsonAsync<JsonElement>($"{Version}/drift/features/amount/distribution");
        var histogram = d.GetProperty("histogram");
        var referenceCounts = histogram.GetProperty("reference_counts").EnumerateArray().Select(c => c.GetInt64()).ToList();
        var currentCounts = histogram.GetProperty("current_counts").EnumerateArray().Select(c => c.GetInt64()).ToList();
        var referenceSize = d.GetProperty("reference").GetProperty("size").GetInt32();
        var currentSize = d.GetProperty("current").GetProperty("size").GetInt32();
        Assert.True(currentSize > 0 && referenceSize > 0);
        var shown = await Cells(page, "[data-chart-table=feature-distribution] tbody tr");
        Assert.Equal(referenceCounts.Count, shown.Count);
        for (var i = 0; i < shown.Count; i++)
        {
            Assert.Equal(referenceCounts[i], long.Parse(shown[i]["reference"].Count, CultureInfo.InvariantCulture));
            Assert.Equal(currentCounts[i], long.Parse(shown[i]["current"].Count, CultureInfo.InvariantCulture));
            Assert.Equal((double)referenceCounts[i] / referenceSize, double.Parse(shown[i]["reference"].Value, CultureInfo.InvariantCulture), 12);
            Assert.Equal((double)currentCounts[i] / currentSize, double.Parse(shown[i]["current"].Value, CultureInfo.InvariantCulture), 12);
        }

        Assert.Equal(referenceCounts.Count, await page.Locator("[data-distribution] g.bars[data-series=reference] rect").CountAsync());
        Assert.Equal(currentCounts.Count, await page.Locator("[data-distribution] g.bars[data-series=current] rect").CountAsync());
        Assert.Contains($"{referenceSize:N0} values", await page.InnerTextAsync("[data-part=distribution-facts]"));
        await view.ScreenshotAsync("distribution-histogram.png");

        await page.ClickAsync("[data-distribution] [data-mode=ecdf]");
        await page.WaitForSelectorAsync("[data-distribution] svg.plot[data-kind=ecdf]");
        var ecdf = d.GetProperty("ecdf");
        foreach (var sample in new[] { "reference", "current" })
        {
            Assert.Equal(
                ecdf.GetProperty(sample).GetProperty("x").GetArrayLength().ToString(CultureInfo.InvariantCulture),
                await page.GetAttributeAsync($"[data-distribution] path[data-series={sample}]", "data-count"));
        }

        await view.ScreenshotAsync("distribution-ecdf.png");

        await page.ClickAsync("#drift-features tr[data-feature=country] [data-action=distribution]");
        await page.WaitForSelectorAsync("[data-distribution][data-feature=country] svg.plot[data-kind=categories]");
        var categories = await fixture.Api.GetFromJsonAsync<JsonElement>($"{Version}/drift/features/country/distribution");
        var expected = categories.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("value").GetString()!).ToList();
        if (categories.TryGetProperty("other", out _))
        {
            expected.Add("(other)");
        }

        var keys = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-chart-table=feature-distribution] tbody tr')].map(r => r.dataset.key)");
        Assert.Equal(expected, keys);
        Assert.False(await page.Locator("[data-distribution] [data-mode=ecdf]").IsVisibleAsync(), "a categorical feature has no ECDF");
        await view.ScreenshotAsync("distribution-categories.png");

        await page.ClickAsync("[data-action=close-distribution]");
        Assert.False(await page.Locator("[data-distribution]").IsVisibleAsync());
        view.AssertSelfContained();
    }

    private static async Task<List<Dictionary<string, (string Value, string Count)>>> Cells(IPage page, string selector)
    {
        var rows = await page.EvaluateAsync<string[][][]>(
            "selector => [...document.querySelectorAll(selector)].map(r => [...r.querySelectorAll('td[data-series]')].map(c => [c.dataset.series, c.dataset.value, c.dataset.count]))",
            selector);
        return [.. rows.Select(r => r.ToDictionary(c => c[0], c => (c[1], c[2])))];
    }
}
