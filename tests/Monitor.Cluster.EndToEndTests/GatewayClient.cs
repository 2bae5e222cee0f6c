using System.Net.Http.Json;
using System.Text.Json;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>The HTTP side of a gateway under test: readiness, summaries, models, cluster status, metrics.</summary>
public sealed class GatewayClient(Uri address) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

    public async Task WaitReadyAsync(TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gateway at {address} not ready after {timeout}\n{diagnostics()}");
            }

            await Task.Delay(200);
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<long> TotalRequestsAsync(string model, string version) =>
        (await GetJsonAsync($"/v1/models/{model}/versions/{version}/summary?minutes=60")).GetProperty("total_requests").GetInt64();

    /// <summary>Active silos and, per silo endpoint (ip:port), the version keys it hosts.</summary>
    public async Task<(int Active, Dictionary<string, string[]> VersionsBySilo)> ClusterAsync()
    {
        var cluster = await GetJsonAsync("/v1/cluster?versions=true");
        var bySilo = cluster.GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "active")
            .ToDictionary(
                s => s.GetProperty("endpoint").GetString()!,
                s => s.GetProperty("version_keys").EnumerateArray().Select(v => v.GetString()!).ToArray());
        return (cluster.GetProperty("active_silos").GetInt32(), bySilo);
    }

    public async Task<IReadOnlyList<string>> VersionsOfAsync(string model)
    {
        var models = await GetJsonAsync("/v1/models");
        return models.GetProperty("models").EnumerateArray()
            .Where(m => m.GetProperty("model").GetString() == model)
            .SelectMany(m => m.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()!))
            .ToList();
    }

    public async Task<double> MetricAsync(string name)
    {
        var text = await Http.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Http.Dispose();
}
