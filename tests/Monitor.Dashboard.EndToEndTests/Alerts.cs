using System.Net.Http.Json;
using System.Text.Json;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>Alert rules, alerts and silences through the HTTP API, as the browser tests set them up and check them.</summary>
public static class Alerts
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Installs a rule that holds at once for the version (error rate above 1%) and waits until its alert fires.</summary>
    public static async Task FireAsync(HttpClient api, string rule, string model, string version)
    {
        using var put = await api.PutAsJsonAsync($"/v1/alerts/rules/{rule}", new
        {
            model,
            version,
            metric = "error_rate",
            comparator = ">",
            threshold = 0.01,
            @for = "0s",
            severity = "critical",
            window_minutes = 60,
            annotations = new Dictionary<string, string> { ["summary"] = "Error rate {{ $value }} above 1%" },
        });
        Assert.True(put.IsSuccessStatusCode, $"PUT rule: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        await UntilAsync(api, alerts => Find(alerts, rule, model, version) is not null, $"{rule} to fire on {model}/{version}");
    }

    /// <summary>The alerts of GET /v1/alerts.</summary>
    public static async Task<JsonElement[]> FiringAsync(HttpClient api) =>
        [.. (await api.GetFromJsonAsync<JsonElement>("/v1/alerts")).GetProperty("alerts").EnumerateArray()];

    public static JsonElement? Find(JsonElement[] alerts, string rule, string model, string version)
    {
        foreach (var alert in alerts)
        {
            var labels = alert.GetProperty("labels");
            if (labels.GetProperty("alertname").GetString() == rule && labels.GetProperty("model").GetString() == model
                && labels.GetProperty("version").GetString() == version)
            {
                return alert;
            }
        }

        return null;
    }

    /// <summary>Polls GET /v1/alerts until the condition holds (the alerting loop runs on its own timer).</summary>
    public static Task UntilAsync(HttpClient api, Func<JsonElement[], bool> condition, string what) =>
        Eventually.TrueAsync(what, async () => condition(await FiringAsync(api)), Patience);

    public static async Task<JsonElement> SilenceAsync(HttpClient api, string id)
    {
        var list = await api.GetFromJsonAsync<JsonElement>("/v1/alerts/silences");
        return list.GetProperty("silences").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
    }
}
