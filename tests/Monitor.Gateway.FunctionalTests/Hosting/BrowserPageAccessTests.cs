using System.Net;
using System.Text;
using Monitor.Cli;

namespace Monitor.Gateway.FunctionalTests.Hosting;

/// <summary>
/// With keys configured the Orleans dashboard (its page, its data and its live trace) needs an admin key
/// by default, sent as a header or, as a browser does, as the password of Basic credentials; it can be
/// switched off; the API reference and the OpenAPI document are open by default and need what
/// <c>Monitor:Security:ApiDocs</c> says otherwise.
/// </summary>
public sealed class BrowserPageAccessTests
{
    private readonly string _read = ApiKeyCommand.NewKey();
    private readonly string _admin = ApiKeyCommand.NewKey();

    [Theory]
    [InlineData("/orleans/")]
    [InlineData("/orleans/DashboardCounters")]
    [InlineData("/orleans/Trace")]
    [InlineData("/ORLEANS/index.min.js")]
    public async Task The_orleans_dashboard_needs_an_admin_key_by_default(string path)
    {
        await using var factory = Node();
        using var client = factory.CreateClient();

        using var anonymous = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");

        using var read = await GetAsync(client, path, "Bearer", _read);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Contains("needs 'admin'", await read.Content.ReadAsStringAsync());

        using var wrong = await GetAsync(client, path, "Basic", Basic("ops", ApiKeyCommand.NewKey()));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task An_admin_key_opens_the_dashboard_as_a_header_or_as_a_browsers_basic_password()
    {
        await using var factory = Node();
        using var client = factory.CreateClient();

        using var bearer = await GetAsync(client, "/orleans/", "Bearer", _admin);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Contains("Orleans Dashboard", await bearer.Content.ReadAsStringAsync());

        using var basic = await GetAsync(client, "/orleans/DashboardCounters", "Basic", Basic("anyone", _admin));
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);

        using var passwordOnly = await GetAsync(client, "/orleans/", "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_admin)));
        Assert.Equal(HttpStatusCode.OK, passwordOnly.StatusCode);

        using var garbage = await GetAsync(client, "/orleans/", "Basic", "%%%not-base64");
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Fact]
    public async Task The_api_reference_stays_open_by_default_and_v1_challenges_only_with_bearer()
    {
        await using var factory = Node();
        using var client = factory.CreateClient();
        using var document = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var reference = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);

        using var models = await client.GetAsync("/v1/models");
        Assert.Equal("Bearer", Assert.Single(models.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task The_dashboard_can_be_switched_off_and_the_api_reference_limited_to_read_keys()
    {
        await using var factory = Node(new() { ["Monitor:Security:OrleansDashboard"] = "off", ["Monitor:Security:ApiDocs"] = "read" });
        using var client = factory.CreateClient();

        using var off = await GetAsync(client, "/orleans/", "Bearer", _admin);
        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        using var offAnonymous = await client.GetAsync("/orleans/DashboardCounters");
        Assert.Equal(HttpStatusCode.Unauthorized, offAnonymous.StatusCode);

        using var anonymous = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        using var docs = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.Unauthorized, docs.StatusCode);

        using var read = await GetAsync(client, "/openapi/v1.json", "Basic", Basic("grafana", _read));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("\"openapi\"", await read.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_can_be_opened_to_everyone_on_purpose()
    {
        await using var factory = Node(new() { ["Monitor:Security:OrleansDashboard"] = "open" });
        using var client = factory.CreateClient();
        using var page = await client.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public void An_unknown_access_setting_stops_the_start_naming_it()
    {
        using var factory = Node(new() { ["Monitor:Security:OrleansDashboard"] = "everyone" });
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Monitor:Security:OrleansDashboard", failure.ToString());
    }

    private MonitorFactory Node(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Monitor:Security:ApiKeys:0:Name"] = "grafana",
            ["Monitor:Security:ApiKeys:0:Role"] = "read",
            ["Monitor:Security:ApiKeys:0:Hash"] = ApiKeyCommand.HashOf(_read),
            ["Monitor:Security:ApiKeys:1:Name"] = "ops",
            ["Monitor:Security:ApiKeys:1:Role"] = "admin",
            ["Monitor:Security:ApiKeys:1:Hash"] = ApiKeyCommand.HashOf(_admin),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return MonitorFactory.With(settings: settings);
    }

    private static string Basic(string user, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{key}"));

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string scheme, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {value}");
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
