using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monitor.Testing.Segments;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// The segment view of a version page, on a gateway of its own: the segment table in the API's order (most
/// severe first), and a click on a segment filters the page to it (the summary becomes the segment's).
/// </summary>
public sealed class SegmentViewTests : IAsyncLifetime
{
    private const string Version = "/v1/models/shop/versions/v3";

    private readonly MonitorFactory _factory = MonitorFactory.With();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private HttpClient _api = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _base = new Uri(_factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        _api = new HttpClient { BaseAddress = _base };
        var random = new Random(17);
        (await _api.PutAsJsonAsync($"{Version}/reference", SegmentTraffic.Reference(random, 900, "DE", "FR", "NL"))).EnsureSuccessStatusCode();
        (await _api.PutAsJsonAsync($"{Version}/segments", new { keys = new[] { "country" }, top_k = 2 })).EnsureSuccessStatusCode();
        await SegmentTraffic.Post(_api, "shop", "v3", "DE", 240, random, latencyMs: 9, confidence: 0.8);
        await SegmentTraffic.Post(_api, "shop", "v3", "FR", 160, random, shift: 3, latencyMs: 9, confidence: 0.8);
        await SegmentTraffic.Post(_api, "shop", "v3", "NL", 30, random, latencyMs: 9, confidence: 0.8);
        _playwright = await Playwright.CreateAsync();
        _browser = await DashboardFixture.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task The_segment_table_is_sorted_by_severity_and_a_segment_filters_the_page()
    {
        var listing = await _api.GetFromJsonAsync<JsonElement>($"{Version}/segments?minutes=60");
        var expected = listing.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("segment").GetString()!).ToList();
        Assert.Equal("country:FR", expected[0]);

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _base.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/#/models/shop/versions/v3?range=1h");
        await page.WaitForSelectorAsync(".segment-table tbody tr[data-segment]");
        Assert.Equal(string.Join('|', expected), await page.EvalOnSelectorAllAsync<string>(".segment-table tbody tr", "rows => rows.map(r => r.dataset.segment).join('|')"));
        Assert.Equal("3", await page.GetAttributeAsync(".segment-table tbody tr:first-child", "data-severity"));
        Assert.Equal("drifted", await page.GetAttributeAsync(".segment-table tbody tr:first-child [data-status]", "data-status"));

        await page.ClickAsync(".segment-table a[data-link=segment] >> text=country:FR");
        await page.WaitForSelectorAsync("[data-segment-note]:not([hidden])");
        Assert.Equal("country:FR", await page.InputValueAsync("select[data-control=segment]"));
        var summary = await _api.GetFromJsonAsync<JsonElement>($"{Version}/summary?minutes=60&segment=country:FR");
        await page.WaitForFunctionAsync(
            "n => document.querySelector('[data-figure=total_requests] .tile-value')?.textContent === n",
            summary.GetProperty("total_requests").GetInt64().ToString("N0", CultureInfo.InvariantCulture));
        Assert.Equal("true", await page.GetAttributeAsync("[data-drift-verdict] [data-drifted]", "data-drifted"));

        // Back to all traffic: the whole version's count.
        await page.SelectOptionAsync("select[data-control=segment]", "");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-segment-note]').hidden");
        await page.WaitForFunctionAsync("n => document.querySelector('[data-figure=total_requests] .tile-value')?.textContent === n", "430");
        Assert.Empty(errors);
        await context.DisposeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _api.Dispose();
        await _factory.DisposeAsync();
        Directory.Delete(_factory.DataDirectory, recursive: true);
    }
}
