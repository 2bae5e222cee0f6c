using System.Text;
using System.Text.Json;

namespace Monitor.Gateway.FunctionalTests.Alerting;

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

    [Fact]
    public async Task A_rule_on_estimate_contradicted_fires_for_raw_confidences_and_stays_quiet_once_calibrated()
    {
        await using var host = new AlertingHost(settings: new Dictionary<string, string?> { ["Monitor:Alerting:DefaultRules"] = "false" });
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "EstimateContradicted", model = "digits", metric = "estimate_contradicted", window_minutes = 10, comparator = ">=", threshold = 1, min_samples = 30,
        }, expect: 201);
        using (var reference = new StringContent(DigitsData.ReferenceCsv, Encoding.UTF8, "text/csv"))
        {
            using var put = await host.Client.PutAsync(
                "/v1/models/digits/versions/calibrated/reference?prediction_column=prediction&confidence_column=confidence&label_column=label", reference);
            Assert.Equal(System.Net.HttpStatusCode.OK, put.StatusCode);
        }

        foreach (var version in new[] { "raw", "calibrated" })
        {
            var production = DigitsData.Production;
            await Post(host, "/v1/predictions", "[" + string.Join(",", production.Select((r, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $$"""{"model": "digits", "version": "{{version}}", "id": "{{version}}-{{i}}", "prediction": {{r.Prediction}}, "confidence": {{r.Confidence:R}}, "latency_ms": 5, "status": "success"}"""))) + "]");
            await Post(host, "/v1/labels", "[" + string.Join(",", production.Select((r, i) =>
                $$"""{"model": "digits", "version": "{{version}}", "id": "{{version}}-{{i}}", "label": {{r.Label}}}""")) + "]");
        }

        var states = new Dictionary<string, JsonElement>();
        for (var step = 0; step < 8 && (!states.TryGetValue("raw", out var raw) || raw.GetProperty("state").GetString() != "firing"); step++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(15));
            foreach (var version in new[] { "raw", "calibrated" })
            {
                states[version] = (await host.Get($"/v1/models/digits/versions/{version}/alerts")).GetProperty("rules").EnumerateArray()
                    .Single(r => r.GetProperty("rule").GetString() == "EstimateContradicted");
            }
        }

        Assert.Equal("firing", states["raw"].GetProperty("state").GetString());
        Assert.Equal(1, states["raw"].GetProperty("value").GetDouble());
        Assert.Equal("inactive", states["calibrated"].GetProperty("state").GetString());

        // Judged, and found within the band: 0, resting on the labels.
        Assert.Equal(0, states["calibrated"].GetProperty("value").GetDouble());
        Assert.Equal(DigitsData.Production.Count, states["calibrated"].GetProperty("samples").GetInt64());
    }

    private static async Task Post(AlertingHost host, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync(path, content);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, answer.GetProperty("rejected").GetInt32());
    }
}
