using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Monitor.Cli;

namespace Monitor.Gateway.FunctionalTests.Hosting;

/// <summary>
/// The OpenAPI document's API-key security, held against a gateway with keys configured and
/// /metrics protected: a key sent the way each declared scheme says is accepted for every documented
/// /v1 operation when its role is the one the operation names, refused with 403 for another role and
/// 401 without a key; health stays open.
/// </summary>
public sealed class OpenApiSecurityTests : IAsyncLifetime
{
    private readonly Dictionary<string, string> _keys = new()
    {
        ["ingest"] = ApiKeyCommand.NewKey(),
        ["read"] = ApiKeyCommand.NewKey(),
        ["admin"] = ApiKeyCommand.NewKey(),
    };

    private MonitorFactory _factory = null!;
    private HttpClient _http = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Monitor:Security:ProtectMetrics"] = "true" };
        var i = 0;
        foreach (var (role, key) in _keys)
        {
            settings[$"Monitor:Security:ApiKeys:{i}:Name"] = $"doc-{role}";
            settings[$"Monitor:Security:ApiKeys:{i}:Role"] = role;
            settings[$"Monitor:Security:ApiKeys:{i}:Hash"] = ApiKeyCommand.HashOf(key);
            i++;
        }

        _factory = MonitorFactory.With(settings: settings);
        _http = _factory.CreateClient();
        using var response = await _http.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Each_documented_role_is_the_one_the_gateway_asks_for_with_the_key_sent_as_documented()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");
        var checkedOperations = 0;
        foreach (var path in _document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var url = Concrete(path.Name);
                var name = $"{method} {path.Name}";
                foreach (var requirement in operation.Value.GetProperty("security").EnumerateArray())
                {
                    var alternative = requirement.EnumerateObject().Single();
                    var scheme = schemes.GetProperty(alternative.Name);
                    var role = alternative.Value.EnumerateArray().Single().GetString()!;

                    var allowed = await SendAsync(method, url, scheme, _keys[role]);
                    Assert.True(allowed is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{name} with a '{role}' key: {allowed}");
                    Assert.NotEqual(HttpStatusCode.Forbidden, await SendAsync(method, url, scheme, _keys["admin"]));
                    foreach (var other in _keys.Keys.Where(k => k != role && k != "admin"))
                    {
                        Assert.True(await SendAsync(method, url, scheme, _keys[other]) == HttpStatusCode.Forbidden, $"{name} with a '{other}' key is not refused");
                    }

                    Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(method, url, scheme, key: null));
                }

                checkedOperations++;
            }
        }

        Assert.True(checkedOperations >= 20, $"only {checkedOperations} operations");
    }

    [Fact]
    public async Task Protected_metrics_are_documented_as_needing_a_read_key_and_health_stays_open()
    {
        var metrics = _document.GetProperty("paths").GetProperty("/metrics").GetProperty("get");
        var requirements = metrics.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single()).ToList();
        Assert.Equal(["api_key", "bearer"], requirements.Select(r => r.Name).Order());
        Assert.All(requirements, r => Assert.Equal("read", r.Value[0].GetString()));
        var header = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("api_key");
        Assert.Equal(HttpStatusCode.OK, await SendAsync(HttpMethod.Get, "/metrics", header, _keys["read"]));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(HttpMethod.Get, "/metrics", header, key: null));

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            Assert.False(_document.GetProperty("paths").GetProperty(path).GetProperty("get").TryGetProperty("security", out _), path);
            using var response = await _http.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{path}: {response.StatusCode}");
        }
    }

    /// <summary>Sends the key the way the security scheme declares: an HTTP bearer token or an API-key header.</summary>
    private async Task<HttpStatusCode> SendAsync(HttpMethod method, string url, JsonElement scheme, string? key)
    {
        using var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            switch (scheme.GetProperty("type").GetString())
            {
                case "http":
                    Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    break;
                case "apiKey":
                    Assert.Equal("header", scheme.GetProperty("in").GetString());
                    request.Headers.Add(scheme.GetProperty("name").GetString()!, key);
                    break;
                default:
                    Assert.Fail($"unexpected security scheme {scheme}");
                    break;
            }
        }

        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>"/v1/models/{model}/versions/{version}/summary" with every parameter filled in.</summary>
    private static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", "openapi-doc-test");
}
