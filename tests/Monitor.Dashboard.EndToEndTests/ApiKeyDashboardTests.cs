using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// The dashboard on a gateway that requires API keys: it asks for a key on the first refusal, sends it with
/// every request, and keeps it for the next visit.
/// </summary>
public sealed class ApiKeyDashboardTests : IAsyncLifetime
{
    private const string IngestKey = "ingest-key-for-the-dashboard-test";
    private const string ReadKey = "read-key-for-the-dashboard-test";

    private readonly MonitorFactory _factory = MonitorFactory.With(settings: new Dictionary<string, string?>
    {
        ["Monitor:Security:ApiKeys:0:Name"] = "model-server",
        ["Monitor:Security:ApiKeys:0:Role"] = "ingest",
        ["Monitor:Security:ApiKeys:0:Hash"] = Hash(IngestKey),
        ["Monitor:Security:ApiKeys:1:Name"] = "dashboard",
        ["Monitor:Security:ApiKeys:1:Role"] = "read",
        ["Monitor:Security:ApiKeys:1:Hash"] = Hash(ReadKey),
    });
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _base = new Uri(_factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        using var api = new HttpClient { BaseAddress = _base };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestKey);
        await Traffic.PostAsync(api, perVersion: 100);
        _playwright = await Playwright.CreateAsync();
        _browser = await DashboardFixture.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task The_overview_asks_for_a_key_once_and_then_shows_every_version()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _base.ToString() });
        var page = await context.NewPageAsync();
        var prompts = 0;
        page.Dialog += async (_, dialog) =>
        {
            prompts++;
            Assert.Equal(DialogType.Prompt, dialog.Type);
            Assert.Contains("API key", dialog.Message);
            await dialog.AcceptAsync(ReadKey);
        };

        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#versions tbody tr[data-model]");
        Assert.Equal(Traffic.Versions.Length, await page.Locator("#versions tbody tr[data-model]").CountAsync());
        Assert.Equal(1, prompts);

        // The key is kept: a reload asks nothing.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#versions tbody tr[data-model]");
        Assert.Equal(1, prompts);
        Assert.Equal(ReadKey, await page.EvaluateAsync<string>("localStorage.getItem('monitor.apiKey')"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ArtefactDirectory, "overview-with-key.png"), FullPage = true });
        await context.DisposeAsync();
    }

    [Fact]
    public async Task Declining_to_give_a_key_shows_the_refusal_and_asks_no_more()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _base.ToString() });
        var page = await context.NewPageAsync();
        var prompts = 0;
        page.Dialog += async (_, dialog) =>
        {
            prompts++;
            await dialog.DismissAsync();
        };

        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("document.body.innerText.includes('401') || /API key/i.test(document.body.innerText)");
        Assert.Equal(0, await page.Locator("#versions tbody tr[data-model]").CountAsync());
        Assert.Equal(1, prompts);
        await context.DisposeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
