using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// A real gateway (Kestrel on a loopback port, co-hosted silo) holding simulated traffic, and headless
/// Debian Chromium driven by Playwright. Everything it starts, it stops.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>A rule the fixture installs on fraud/v2 (12% errors), so the alerts page has something firing.</summary>
    public const string FiringRule = "DashboardErrorRate";

    // Rules are evaluated (and silences applied) every second rather than every 15, and drift every second
    // rather than every minute, so the alert fires, a silence takes hold and the drift history has an
    // evaluation within a few seconds of real time.
    private readonly MonitorFactory _factory = MonitorFactory.With(settings: new Dictionary<string, string?>
    {
        ["Monitor:Alerting:EvaluationInterval"] = "00:00:01",
        ["Monitor:Drift:EvaluationInterval"] = "00:00:01",
    });
    private readonly Lock _outcomesLock = new();
    private IPlaywright? _playwright;
    private Task? _outcomes;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Dictionary<(string, string), List<string>> SentIds { get; private set; } = [];

    /// <summary>The class each successful prediction named, by id.</summary>
    public Dictionary<string, int> Predicted { get; } = [];

    public static string ArtefactDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"the browser tests need Debian's Chromium at {ChromiumPath} (scripts/install-dependencies.sh installs it)");
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single());
        Api = new HttpClient { BaseAddress = BaseAddress };
        await Traffic.PutDriftedReferenceAsync(Api, "churn", "v7");
        SentIds = await Traffic.PostAsync(Api, perVersion: 300, Predicted);
        await Traffic.PutSparseChallengerAsync(Api);
        await Traffic.PostTenClassesAsync(Api, "wide", "v1");
        await Alerts.FireAsync(Api, FiringRule, "fraud", "v2");

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });

    /// <summary>
    /// Labels, clicks and the champion, sent once by the first test that needs them (so the tests of other
    /// pages do not depend on the outcome endpoints): fraud/v1 is the champion; its labels are right more
    /// often than v2's (90% against 70%), and it gets more clicks.
    /// </summary>
    public Task OutcomesAsync()
    {
        lock (_outcomesLock)
        {
            return _outcomes ??= SendOutcomesAsync();
        }
    }

    private async Task SendOutcomesAsync()
    {
        await Traffic.PostOutcomesAsync(Api, "fraud", "v1", SentIds[("fraud", "v1")], Predicted, accuracy: 0.9, clickRate: 0.2, seed: 3);
        await Traffic.PostOutcomesAsync(Api, "fraud", "v2", SentIds[("fraud", "v2")], Predicted, accuracy: 0.7, clickRate: 0.1, seed: 4);
        using var champion = await Api.PutAsJsonAsync("/v1/models/fraud/champion", new { version = "v1" });
        champion.EnsureSuccessStatusCode();
    }

    /// <summary>A page that may reach only the gateway: any other request is refused and recorded, as are console errors.</summary>
    public async Task<OfflinePage> OpenAsync(string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        var offline = new OfflinePage(context, page);
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || (url.IsLoopback && url.Port == BaseAddress.Port))
            {
                await route.ContinueAsync();
            }
            else
            {
                offline.External.Add(route.Request.Url);
                await route.AbortAsync("internetdisconnected");
            }
        });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                offline.ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => offline.ConsoleErrors.Add(error);
        await page.GotoAsync(path);
        return offline;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_factory.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held for a moment; it is under the temp folder.
        }
    }
}

/// <summary>One gateway and browser for every dashboard test class; its tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}

/// <summary>A page and what it tried to reach outside the gateway.</summary>
public sealed class OfflinePage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public List<string> External { get; } = [];

    public List<string> ConsoleErrors { get; } = [];

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ArtefactDirectory, name), FullPage = true });

    public void AssertSelfContained()
    {
        Assert.True(External.Count == 0, "requests outside the gateway: " + string.Join(", ", External));
        Assert.True(ConsoleErrors.Count == 0, "console errors: " + string.Join(" | ", ConsoleErrors));
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
