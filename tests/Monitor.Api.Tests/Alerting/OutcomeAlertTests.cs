using System.Text;
using System.Text.Json;

namespace Monitor.Api.Tests.Alerting;

/// <summary>Alert rules on outcome figures: realized accuracy from labels and business rates from events.</summary>
public sealed class OutcomeAlertTests
{
    [Fact]
    public async Task Rules_on_accuracy_and_conversion_fire_from_labels_and_events()
    {
        await using var host = new AlertingHost(settings: new Dictionary<string, string?> { ["Monitor:Alerting:DefaultRules"] = "false" });
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "LowAccuracy", model = "graded", metric = "accuracy", window_minutes = 5, comparator = "<", threshold = 0.8, min_samples = 20,
        }, expect: 201);
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "FewConversions", model = "graded", metric = "conversion_rate", window_minutes = 5, comparator = "<", threshold = 0.05, min_samples = 20,
        }, expect: 201);
        var refused = await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "NoFeature", model = "graded", metric = "event_rate", comparator = "<", threshold = 0.1,
        }, expect: 400);
        Assert.Equal("feature", refused.GetProperty("field").GetString());

        var predictions = string.Join(",", Enumerable.Range(0, 100).Select(i =>
            $$"""{"model": "graded", "version": "v1", "id": "g{{i}}", "prediction": 1, "confidence": 0.9, "latency_ms": 8, "status": "success"}"""));
        await Post(host, "/v1/predictions", $"[{predictions}]");
        var labels = string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{"model": "graded", "id": "g{{i}}", "label": {{i % 2}}}"""));
        await Post(host, "/v1/labels", $"[{labels}]");
        await Post(host, "/v1/events", """[{"model": "graded", "id": "g1", "type": "conversion"}]""");

        var states = new Dictionary<string, string?>();
        for (var step = 0; step < 8 && states.Values.Count(s => s == "firing") < 2; step++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(15));
            var rules = (await host.Get("/v1/models/graded/versions/v1/alerts")).GetProperty("rules").EnumerateArray();
            foreach (var rule in rules)
            {
                states[rule.GetProperty("rule").GetString()!] = rule.GetProperty("state").GetString();
            }
        }

        Assert.Equal("firing", states["LowAccuracy"]);
        Assert.Equal("firing", states["FewConversions"]);
    }

    private static async Task Post(AlertingHost host, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync(path, content);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, answer.GetProperty("rejected").GetInt32());
    }
}
