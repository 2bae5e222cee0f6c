using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>Small HTTP helpers: JSON and CSV bodies, records for one version, answers as JSON nodes.</summary>
internal static class Http
{
    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string path, object body) =>
        client.PutAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutText(this HttpClient client, string path, string body, string contentType) =>
        client.PutAsync(path, new StringContent(body, new MediaTypeHeaderValue(contentType)));

    /// <summary>Posts one record per value of feature x (or per features dictionary) for the version.</summary>
    public static async Task PostRecords(this HttpClient client, string model, string version, IEnumerable<IDictionary<string, object?>> features, object? prediction = null)
    {
        var records = features.Select(f => new Dictionary<string, object?>
        {
            ["model"] = model,
            ["version"] = version,
            ["features"] = f,
            ["prediction"] = prediction ?? 0,
            ["confidence"] = 0.9,
            ["latency_ms"] = 5.0,
            ["status"] = "success",
        }).ToList();
        for (var start = 0; start < records.Count; start += 1000)
        {
            var response = await client.PostAsync("/v1/predictions",
                new StringContent(JsonSerializer.Serialize(records.Skip(start).Take(1000)), Encoding.UTF8, "application/json"));
            var answer = await Json(response);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(0, answer["rejected"]!.GetValue<int>());
        }
    }

    public static Task PostValues(this HttpClient client, string model, string version, IEnumerable<double> values) =>
        client.PostRecords(model, version, values.Select(v => (IDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = v }));

    public static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty answer");

    public static async Task<JsonNode> GetOk(this HttpClient client, string path, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Asserts a problem answer: status, problem+json, and the field it names.</summary>
    public static async Task<JsonNode> AssertProblem(HttpResponseMessage response, System.Net.HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.True(problem["field"] is not null, $"no field in {body}");
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.StartsWith(field + ": ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        return problem;
    }
}
