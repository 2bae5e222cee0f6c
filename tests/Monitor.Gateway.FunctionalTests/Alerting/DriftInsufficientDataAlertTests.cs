namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>
/// Alert rules on a version with a reference and too few records, on a fake clock through the HTTP API: the drift
/// figure has no value, so a rule that reads "not drifted" as healthy does not hold (nor does the shipped DatasetDrift
/// rule), and a rule on drift_insufficient_data fires.
/// </summary>
public sealed class DriftInsufficientDataAlertTests
{
    [Fact]
    public async Task Without_enough_records_no_rule_reads_the_missing_verdict_as_no_drift()
    {
        await using var host = new AlertingHost(settings: new Dictionary<string, string?>
        {
            ["Monitor:Drift:EvaluationInterval"] = "00:00:15",
        });
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "InputsLookHealthy", model = "thin", metric = "drift_detected", comparator = "<", threshold = 1.0, min_samples = 0,
        }, expect: 201);
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "NoDriftVerdict", model = "thin", metric = "drift_insufficient_data", comparator = ">=", threshold = 1.0, min_samples = 0,
        }, expect: 201);
        await host.Send(HttpMethod.Put, "/v1/models/thin/versions/v1/reference", new { features = new { x = Enumerable.Range(0, 200).Select(i => (double)(i % 25)).ToArray() } });
        var records = Enumerable.Range(0, 8).Select(i => new
        {
            model = "thin", version = "v1", prediction = 1, latency_ms = 5, status = "success", features = new { x = (double)i },
        }).ToArray();
        await host.Send(HttpMethod.Post, "/v1/predictions", records, expect: 202);

        for (var i = 0; i < 3; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(15));
            await host.Get("/v1/models/thin/versions/v1/alerts");
        }

        var rules = (await host.Get("/v1/models/thin/versions/v1/alerts")).GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("rule").GetString()!, r => r);
        Assert.Equal("inactive", rules["InputsLookHealthy"].GetProperty("state").GetString());
        Assert.False(rules["InputsLookHealthy"].TryGetProperty("value", out var none) && none.ValueKind == System.Text.Json.JsonValueKind.Number);
        Assert.Equal("inactive", rules["DatasetDrift"].GetProperty("state").GetString());
        Assert.Equal("firing", rules["NoDriftVerdict"].GetProperty("state").GetString());
        Assert.Equal(1.0, rules["NoDriftVerdict"].GetProperty("value").GetDouble());
    }
}
