using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

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
        var countries = new[] { "DE", "FR", "NL" };
        var reference = new
        {
            features = new Dictionary<string, object>
            {
                ["amount"] = Enumerable.Range(0, 900).Select(_ => Normal(random)).ToArray(),
                ["country"] = Enumerable.Range(0, 900).Select(i => countries[i % 3]).ToArray(),
            },
        };
        (await _api.PutAsJsonAsync($"{Version}/reference", reference)).EnsureSuccessStatusCode();
        (await _api.PutAsJsonAsync($"{Version}/segments", new { keys = new[] { "country" }, top_k = 2 })).EnsureSuccessStatusCode();
        await Post("DE", 240, random, shift: 0);
        await Post("FR", 160, random, shift: 3);
        await Post("NL", 30, random, shift: 0);
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

    private async Task Post(string country, int count, Random random, double shift)
    {
        var body = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            body.Append("{\"model\":\"shop\",\"version\":\"v3\",\"prediction\":1,\"confidence\":0.8,\"latency_ms\":9,\"status\":\"success\",\"features\":{\"amount\":")
                .Append((Normal(random) + shift).ToString("R", CultureInfo.InvariantCulture)).Append(",\"country\":\"").Append(country).Append("\"}}\n");
        }

        using var response = await _api.PostAsync("/v1/predictions", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
