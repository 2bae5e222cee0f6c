using System.Net.Http.Json;
using System.Text.Json;
using CloudNative.CloudEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Testing;
using Orleans.TestingHost;

namespace Monitor.Gateway.FunctionalTests.ModelServers;

/// <summary>A Monitor single node whose gateway and grains run on a fake clock, with helpers to send model-server events.</summary>
public sealed class ModelServerHost : IAsyncDisposable
{
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(10);

    public ModelServerHost(string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    {
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var all = new Dictionary<string, string?>
        {
            ["Monitor:ModelServers:JoinTimeout"] = "00:00:10",
            ["Monitor:ModelServers:SweepInterval"] = "00:00:01",
            ["Monitor:ModelServers:MappingCacheTime"] = "00:00:00",
            ["Monitor:Outcomes:RefreshInterval"] = "00:00:00.2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = MonitorFactory.With(dataDirectory, all, services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        Client = Factory.CreateClient();
    }

    public FakeTimeProvider Time { get; }

    public MonitorFactory Factory { get; }

    public HttpClient Client { get; }

    /// <summary>Sends one event with the CloudEvents SDK and returns the status and the answer.</summary>
    public async Task<(int Status, JsonElement Body)> Send(string endpoint, ServedEvent served, ContentMode mode = ContentMode.Binary, bool jsonData = false)
    {
        using var content = served.ToHttpContent(mode, jsonData);
        using var response = await Client.PostAsync(endpoint, content);
        return ((int)response.StatusCode, await Read(response));
    }

    public async Task<(int Status, JsonElement Body)> Post(string path, HttpContent content)
    {
        using var response = await Client.PostAsync(path, content);
        return ((int)response.StatusCode, await Read(response));
    }

    public async Task<JsonElement> Get(string path, int expect = 200)
    {
        using var response = await Client.GetAsync(path);
        var body = await Read(response);
        Assert.True((int)response.StatusCode == expect, $"GET {path}: expected {expect}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    public Task<JsonElement> Summary(string model, string version) => Get($"/v1/models/{model}/versions/{version}/summary?minutes=60");

    public async Task<JsonElement[]> Records(string model, string version) =>
        [.. (await Get($"/v1/models/{model}/versions/{version}/records?limit=1000")).GetProperty("records").EnumerateArray()];

    /// <summary>Polls (real time, bounded) until the condition holds on the summary; the clock is not moved.</summary>
    public async Task<JsonElement> SummaryWhen(string model, string version, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var response = await Client.GetAsync($"/v1/models/{model}/versions/{version}/summary?minutes=60");
            if (response.IsSuccessStatusCode)
            {
                var summary = await Read(response);
                if (condition(summary) || DateTime.UtcNow > deadline)
                {
                    return summary;
                }
            }
            else if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"summary of {model}/{version}: {(int)response.StatusCode}");
            }

            await Task.Delay(50);
        }
    }

    public async Task<string> Metrics()
    {
        using var response = await Client.GetAsync("/metrics");
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Time.AdvanceUntilAsync(Factory.DisposeAsync().AsTask(), TimeSpan.FromSeconds(1), limit: TimeSpan.FromMinutes(2));
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
