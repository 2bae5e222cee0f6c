using System.Net;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// Every labelled counter a version can have is in /metrics at 0 from its registration, so Prometheus's
/// <c>rate()</c> sees its first increase (a counter that appears with its first errors shows 0%).
/// </summary>
public sealed class CountersFromRegistrationTests : IClassFixture<MonitorFactory>
{
    private readonly HttpClient _http;

    public CountersFromRegistrationTests(MonitorFactory factory) => _http = factory.CreateClient();

    [Fact]
    public async Task A_version_registered_by_its_reference_exports_every_counter_at_0_before_any_record()
    {
        var reference = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await _http.PutJson("/v1/models/zeroes/versions/v1/reference", new { features = new { x = reference } })).StatusCode);

        var text = await _http.GetStringAsync("/metrics");

        const string version = "model=\"zeroes\",model_version=\"v1\"";
        string[] zero =
        [
            $"predictions_total{{{version},status=\"success\"}} 0",
            $"predictions_total{{{version},status=\"error\"}} 0",
            $"prediction_latency_seconds_count{{{version}}} 0",
            $"model_confidence_count{{{version}}} 0",
            .. ((string[])["joined", "duplicate", "late", "unknown_id", "unscorable"]).Select(o => $"monitor_labels_total{{{version},outcome=\"{o}\"}} 0"),
            .. ((string[])["cap", "horizon", "budget"]).Select(r => $"monitor_prediction_index_evictions_total{{{version},reason=\"{r}\"}} 0"),
            .. ((string[])["click", "conversion", "revenue"]).SelectMany(t => ((string[])["counted", "duplicate"]).Select(o =>
                $"monitor_business_events_total{{{version},type=\"{t}\",outcome=\"{o}\"}} 0")),
            .. ((string[])["unknown_features", "missing_features", "non_finite_refused"]).Select(i => $"monitor_data_quality_records_total{{{version},issue=\"{i}\"}} 0"),
            .. ((string[])["late", "unknown_id"]).SelectMany(o => ((string[])["labels", "events"]).Select(k => $"monitor_unattributed_{k}_total{{model=\"zeroes\",outcome=\"{o}\"}} 0")),
        ];
        Assert.All(zero, line => Assert.Contains(line + "\n", text));

        // Refusal reasons are finite and known up front: each is exported from the start.
        string[] reasons = ["invalid_json", "missing_field", "invalid_value", "limit_exceeded", "timestamp_out_of_range", "duplicate_field", "body_too_large", "invalid_body", "unavailable", "buffer_full", "version_cap"];
        Assert.All(reasons, r => Assert.Contains($"monitor_ingest_records_rejected_total{{reason=\"{r}\"}} ", text));
        Assert.All(((string[])["unknown_version", "unknown_model", "invalid_value"]).SelectMany(r => ((string[])["label", "event"]).Select(k => (k, r))),
            p => Assert.Contains($"monitor_outcome_records_rejected_total{{kind=\"{p.k}\",reason=\"{p.r}\"}} ", text));

        var (exit, output) = await Promtool.CheckMetrics(text);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task A_versions_first_errors_rise_from_a_0_that_was_scraped_before_them()
    {
        await _http.PostJson("/v1/predictions", Enumerable.Range(0, 5).Select(i => ApiClient.Record("first-errors", "v1", 10 + i)).ToArray());
        Assert.Contains("predictions_total{model=\"first-errors\",model_version=\"v1\",status=\"error\"} 0\n", await _http.GetStringAsync("/metrics"));

        await _http.PostJson("/v1/predictions", Enumerable.Range(0, 12).Select(i => ApiClient.Record("first-errors", "v1", 10, status: "error", error: "Timeout")).ToArray());
        var text = await _http.GetStringAsync("/metrics");
        Assert.Contains("predictions_total{model=\"first-errors\",model_version=\"v1\",status=\"error\"} 12\n", text);
        Assert.Contains("predictions_total{model=\"first-errors\",model_version=\"v1\",status=\"success\"} 5\n", text);
    }
}
