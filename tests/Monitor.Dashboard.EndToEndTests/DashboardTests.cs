using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// The dashboard in headless Chromium over simulated traffic: what it shows is what the API answers,
/// and it needs nothing but the gateway.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Overview_lists_every_version_and_sorts_and_filters_them()
    {
        await using var view = await fixture.OpenAsync("/");
        var page = view.Page;
        await page.WaitForSelectorAsync("#versions tbody tr[data-model]");

        var listing = await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/models");
        var expected = listing.GetProperty("models").EnumerateArray()
            .SelectMany(m => m.GetProperty("versions").EnumerateArray().Select(v => $"{m.GetProperty("model").GetString()}/{v.GetProperty("version").GetString()}"))
            .Order().ToList();
        Assert.Equal(Traffic.Versions.Length + 2, expected.Count); // and the sparse challenger and the ten-class version
        Assert.Equal(expected, (await RowKeys(page)).Order().ToList());

        // Sorting by p95 latency, slowest first, puts the slow version on top.
        await page.ClickAsync("th[data-column=p95_latency_ms] button");
        await page.ClickAsync("th[data-column=p95_latency_ms] button");
        Assert.Equal("descending", await page.GetAttributeAsync("th[data-column=p95_latency_ms]", "aria-sort"));
        var byLatency = listing.GetProperty("models").EnumerateArray()
            .SelectMany(m => m.GetProperty("versions").EnumerateArray().Select(v => (Key: $"{m.GetProperty("model").GetString()}/{v.GetProperty("version").GetString()}", P95: v.GetProperty("p95_latency_ms").GetDouble())))
            .OrderByDescending(v => v.P95).Select(v => v.Key).ToList();
        Assert.Equal(byLatency, await RowKeys(page));
        Assert.Equal("fraud/v2", (await RowKeys(page))[0]);

        // Firing alerts per version (firing and muted) are those of GET /v1/alerts.
        var firing = await Alerts.FiringAsync(fixture.Api);
        foreach (var key in expected)
        {
            var (model, version) = (key.Split('/')[0], key.Split('/')[1]);
            var cell = $"#versions tr[data-model='{model}'][data-version='{version}'] td[data-column=alerts] [data-firing]";
            var shownCount = int.Parse(await page.GetAttributeAsync(cell, "data-firing") ?? "0", CultureInfo.InvariantCulture)
                + int.Parse(await page.GetAttributeAsync(cell, "data-muted") ?? "0", CultureInfo.InvariantCulture);
            var apiCount = firing.Count(a => a.GetProperty("labels").GetProperty("model").GetString() == model
                && a.GetProperty("labels").GetProperty("version").GetString() == version);
            Assert.Equal(apiCount, shownCount);
        }

        Assert.NotNull(Alerts.Find(firing, DashboardFixture.FiringRule, "fraud", "v2"));

        // The drift column shows each version's verdict from the listing: churn/v7 has a reference it drifted from.
        foreach (var model in listing.GetProperty("models").EnumerateArray())
        {
            foreach (var version in model.GetProperty("versions").EnumerateArray())
            {
                var expectedDrift = version.TryGetProperty("drift", out var drift) && drift.ValueKind == JsonValueKind.Object
                    ? drift.GetProperty("status").GetString() == "insufficient_data" ? "insufficient_data"
                        : drift.GetProperty("drifted").GetBoolean() ? "drift" : "stable"
                    : "none";
                Assert.Equal(expectedDrift, await page.GetAttributeAsync(
                    $"#versions tr[data-model='{model.GetProperty("model").GetString()}'][data-version='{version.GetProperty("version").GetString()}'] [data-drift]", "data-drift"));
            }
        }

        Assert.Equal("drift", await page.GetAttributeAsync("#versions tr[data-model='churn'][data-version='v7'] [data-drift]", "data-drift"));

        await page.FillAsync("input.search", "churn");
        Assert.Equal(["churn/v7"], await RowKeys(page));
        await page.FillAsync("input.search", string.Empty);
        Assert.Equal(expected.Count, (await RowKeys(page)).Count);

        await view.ScreenshotAsync("overview.png");
        view.AssertSelfContained();
    }

    [Fact]
    public async Task Version_page_charts_hold_the_time_series_the_api_returns()
    {
        await using var view = await fixture.OpenAsync("/#/models/fraud/versions/v2?range=15m");
        var page = view.Page;
        await page.WaitForSelectorAsync(".page.version[data-refreshed]");
        await page.WaitForSelectorAsync("[data-chart-table=throughput] tbody tr", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

        // Pause the refresh so every chart is read from the same answer.
        await page.ClickAsync("#refresh-toggle");
        var shown = await ChartTables(page, "throughput", "latency", "errors", "confidence");
        Assert.All(shown.Values, table => Assert.NotEmpty(table));

        var series = await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/models/fraud/versions/v2/timeseries?minutes=15&step=10");
        var points = series.GetProperty("points").EnumerateArray().ToDictionary(p => Iso(p.GetProperty("time")));
        var compared = 0;
        long requests = 0;
        long errors = 0;
        foreach (var (time, point) in points)
        {
            if (!shown["throughput"].TryGetValue(time, out var throughput))
            {
                // The page asked a moment before: only the newest (empty) step may be missing.
                Assert.Equal(0, point.GetProperty("total_requests").GetInt64());
                continue;
            }

            compared++;
            requests += point.GetProperty("total_requests").GetInt64();
            Near(point.GetProperty("throughput_per_second").GetDouble(), throughput["throughput_per_second"]);
            foreach (var p in new[] { "p50_latency_ms", "p95_latency_ms", "p99_latency_ms" })
            {
                Near(Optional(point, p), shown["latency"][time][p]);
            }

            Near(Optional(point, "confidence_mean"), shown["confidence"][time]["confidence_mean"]);
            foreach (var error in point.GetProperty("errors_by_type").EnumerateObject())
            {
                errors += error.Value.GetInt64();
                Near(error.Value.GetInt64(), shown["errors"][time][error.Name]);
            }

            Assert.Equal(point.GetProperty("error_count").GetInt64(), (long)shown["errors"][time].Values.Sum(v => v ?? 0));
        }

        Assert.True(compared >= points.Count - 1, $"compared {compared} of {points.Count} steps");
        Assert.Equal(fixture.SentIds[("fraud", "v2")].Count, requests);
        Assert.True(errors > 0, "fraud/v2 has errors to chart");
        var tile = await page.InnerTextAsync("[data-figure=total_requests] .tile-value");
        Assert.Equal(requests.ToString(CultureInfo.InvariantCulture), new string(tile.Where(char.IsAsciiDigit).ToArray()));

        // The drawn series carry as many points as the table.
        var drawn = await page.GetAttributeAsync("[data-chart=latency] svg.plot", "data-points");
        Assert.Equal(shown["latency"].Count.ToString(CultureInfo.InvariantCulture), drawn);

        await view.ScreenshotAsync("version.png");
        view.AssertSelfContained();
    }

    [Fact]
    public async Task Version_page_shows_the_most_recent_records_newest_first()
    {
        await using var view = await fixture.OpenAsync("/#/models/churn/versions/v7");
        var page = view.Page;
        await page.WaitForSelectorAsync("#records tbody tr.record");
        var ids = await page.EvalOnSelectorAllAsync<string[]>("#records tbody tr.record", "rows => rows.map(r => r.dataset.id)");

        var answer = await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/models/churn/versions/v7/records?limit=25");
        var expected = answer.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Reverse().ToArray();
        Assert.Equal(expected, ids);
        Assert.Equal(fixture.SentIds[("churn", "v7")][^1], ids[0]);

        // Searching by id asks the API for that record alone.
        var wanted = fixture.SentIds[("churn", "v7")][^3];
        await page.FillAsync(".section-records input.search", wanted);
        await page.PressAsync(".section-records input.search", "Enter");
        await page.WaitForFunctionAsync("id => { const rows = [...document.querySelectorAll('#records tbody tr.record')]; return rows.length === 1 && rows[0].dataset.id === id; }", wanted);

        // A row opens to show the record as logged.
        await page.ClickAsync("#records tbody tr.record");
        var logged = await page.InnerTextAsync("#records tbody tr.record-detail pre");
        Assert.Contains($"\"id\": \"{wanted}\"", logged);
        view.AssertSelfContained();
    }

    [Fact]
    public async Task Reference_page_and_orleans_dashboard_load_offline()
    {
        await using (var docs = await fixture.OpenAsync("/docs/"))
        {
            await docs.Page.GetByText("Prediction telemetry").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
            await docs.ScreenshotAsync("docs.png");
            Assert.True(docs.External.Count == 0, "the reference page reached outside the gateway: " + string.Join(", ", docs.External));
        }

        await using var orleans = await fixture.OpenAsync("/orleans/");
        await orleans.Page.WaitForSelectorAsync("#menu a", new PageWaitForSelectorOptions { Timeout = 20_000 });
        Assert.True(orleans.External.Count == 0, "the Orleans dashboard reached outside the gateway: " + string.Join(", ", orleans.External));
    }

    private static Task<List<string>> RowKeys(IPage page) =>
        page.EvalOnSelectorAllAsync<string[]>("#versions tbody tr[data-model]", "rows => rows.map(r => r.dataset.model + '/' + r.dataset.version)")
            .ContinueWith(t => t.Result.ToList(), TaskScheduler.Default);

    /// <summary>Each chart's data table: chart → time → series → value (null where the chart shows none).</summary>
    private static async Task<Dictionary<string, Dictionary<string, Dictionary<string, double?>>>> ChartTables(IPage page, params string[] charts)
    {
        var tables = await page.EvaluateAsync<JsonElement>(
            "charts => Object.fromEntries(charts.map(chart => [chart, [...document.querySelectorAll(`[data-chart-table=${chart}] tbody tr`)]"
            + ".map(r => ({ time: r.dataset.time, cells: [...r.querySelectorAll('td')].map(c => [c.dataset.series, c.dataset.value]) }))]))",
            charts);
        return charts.ToDictionary(chart => chart, chart => tables.GetProperty(chart).EnumerateArray().ToDictionary(
            r => r.GetProperty("time").GetString()!,
            r => r.GetProperty("cells").EnumerateArray().ToDictionary(
                c => c[0].GetString()!,
                c => c[1].GetString() is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : (double?)null)));
    }

    private static string Iso(JsonElement time) => time.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static double? Optional(JsonElement point, string name) =>
        point.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static void Near(double? expected, double? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected.Value - actual!.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)), $"expected {expected}, shown {actual}");
    }
}
