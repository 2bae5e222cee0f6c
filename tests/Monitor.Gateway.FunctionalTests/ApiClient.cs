using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>Small helpers over HttpClient for JSON and NDJSON bodies.</summary>
public static class ApiClient
{
    public static async Task<(int Status, JsonNode? Body)> PostJson(this HttpClient http, string path, object body) =>
        await Send(http, HttpMethod.Post, path, JsonSerializer.Serialize(body), "application/json");

    public static async Task<(int Status, JsonNode? Body)> PostRaw(this HttpClient http, string path, string body, string contentType = "application/json") =>
        await Send(http, HttpMethod.Post, path, body, contentType);

    public static async Task<(int Status, JsonNode? Body)> GetJson(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return ((int)response.StatusCode, await ReadBody(response));
    }

    public static async Task<(int Status, JsonNode? Body)> Send(HttpClient http, HttpMethod method, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await ReadBody(response));
    }

    public static object Record(string model, string version, double latency, DateTimeOffset? timestamp = null, string status = "success", string? error = null, string? id = null, double? confidence = 0.9) => new Dictionary<string, object?>
    {
        ["model"] = model,
        ["version"] = version,
        ["id"] = id,
        ["timestamp"] = (timestamp ?? DateTimeOffset.UtcNow).ToString("O"),
        ["features"] = new Dictionary<string, object?> { ["amount"] = 12.5, ["country"] = "DE", ["age"] = null },
        ["prediction"] = 1,
        ["confidence"] = confidence,
        ["latency_ms"] = latency,
        ["status"] = status,
        ["error"] = error,
    };

    private static async Task<JsonNode?> ReadBody(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
