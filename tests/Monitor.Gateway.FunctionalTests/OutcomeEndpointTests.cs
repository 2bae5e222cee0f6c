using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>Labels, business events, the outcome summary, /metrics and A/B comparison through the real gateway.</summary>
public sealed class OutcomeEndpointTests : IClassFixture<OutcomeEndpointTests.Node>, IDisposable
{
    private readonly HttpClient _http;

    public OutcomeEndpointTests(Node node) => _http = node.CreateClient();

    public sealed class Node() : IDisposable
    {
        private readonly MonitorFactory _factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Ingest:MaxBodyBytes"] = "65536",
            ["Monitor:Outcomes:RefreshInterval"] = "00:00:00.2",
        });

        public HttpClient CreateClient() => _factory.CreateClient();

        public void Dispose()
        {
            _factory.Dispose();
            Directory.Delete(_factory.DataDirectory, recursive: true);
        }
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Labels_and_events_join_and_show_in_the_summary_the_time_series_and_metrics()
    {
        await Predict("loop", "v1", 40, i => i % 2, i => 0.6 + (i % 4 * 0.1));

        var labels = await Post("/v1/labels", "[" + string.Join(",", Enumerable.Range(0, 40).Select(i =>
            i % 2 == 0
                ? $$"""{"model": "loop", "version": "v1", "id": "loop-v1-{{i}}", "label": {{(i % 10 == 0 ? 1 : 0)}}}"""
                : $$"""{"model": "loop", "id": "loop-v1-{{i}}", "label": 1}""")
            .Append("""{"model": "loop", "version": "v1", "id": "loop-v1-0", "label": 0}""")
            .Append("""{"model": "loop", "version": "v1", "id": "not-yet", "label": 1}""")
            .Append("""{"model": "loop", "version": "v1", "id": "loop-v1-1"}""")) + "]");

        Assert.Equal(HttpStatusCode.Accepted, labels.Status);
        Assert.Equal(42, labels.Body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, labels.Body.GetProperty("rejected").GetInt32());
        var error = labels.Body.GetProperty("errors")[0];
        Assert.Equal(42, error.GetProperty("index").GetInt32());
        Assert.Equal("missing_field", error.GetProperty("reason").GetString());
        var joins = labels.Body.GetProperty("joins");
        Assert.Equal(40, joins.GetProperty("joined").GetInt64());
        Assert.Equal(1, joins.GetProperty("duplicate").GetInt64());
        Assert.Equal(1, joins.GetProperty("pending").GetInt64());

        var events = await Post("/v1/events", """
            {"model": "loop", "id": "loop-v1-1", "type": "click"}
            {"model": "loop", "id": "loop-v1-1", "type": "click"}
            {"model": "loop", "version": "v1", "id": "loop-v1-2", "type": "revenue", "value": 40}
            {"model": "loop", "version": "v1", "type": "signup"}
            """, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Accepted, events.Status);
        Assert.Equal(4, events.Body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, events.Body.GetProperty("joins").GetProperty("duplicate").GetInt64());
        Assert.Equal(1, events.Body.GetProperty("joins").GetProperty("without_id").GetInt64());

        var outcomes = (await _http.GetFromJsonAsync<JsonElement>("/v1/models/loop/versions/v1/summary?minutes=60")).GetProperty("outcomes");
        Assert.Equal(40, outcomes.GetProperty("labels").GetProperty("joined").GetInt64());
        Assert.Equal(1.0, outcomes.GetProperty("labels").GetProperty("coverage").GetDouble());
        Assert.Equal(1, outcomes.GetProperty("labels").GetProperty("pending_now").GetInt64());
        var classification = outcomes.GetProperty("classification");
        Assert.Equal(36.0 / 40, classification.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(2, classification.GetProperty("confusion_matrix").GetProperty("classes").GetArrayLength());
        Assert.True(classification.TryGetProperty("roc_auc", out _));
        Assert.Equal("cbpe", outcomes.GetProperty("estimated").GetProperty("method").GetString());
        Assert.Equal(1.0 / 40, outcomes.GetProperty("business").GetProperty("click_through_rate").GetDouble(), 12);
        Assert.Equal(1.0, outcomes.GetProperty("business").GetProperty("revenue_per_prediction").GetDouble(), 12);
        Assert.Contains(outcomes.GetProperty("business").GetProperty("types").EnumerateArray(), t => t.GetProperty("type").GetString() == "signup");

        var series = await _http.GetFromJsonAsync<JsonElement>("/v1/models/loop/versions/v1/timeseries?minutes=10&step=60");
        var points = series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("outcomes")).ToList();
        Assert.Equal(40, points.Sum(p => p.GetProperty("labels").GetInt64()));
        Assert.Equal(1, points.Sum(p => p.GetProperty("duplicate_labels").GetInt64()));
        var labelled = points.Single(p => p.GetProperty("labels").GetInt64() > 0);
        Assert.Equal(0.9, labelled.GetProperty("precision_macro").GetDouble(), 12);
        Assert.Equal(((16.0 / 16) + (20.0 / 24)) / 2, labelled.GetProperty("recall_macro").GetDouble(), 12);
        Assert.InRange(labelled.GetProperty("roc_auc").GetDouble(), 0, 1);

        var metrics = await WaitForMetrics("monitor_accuracy_ratio{model=\"loop\",model_version=\"v1\"}");
        Assert.Contains("monitor_labels_total{model=\"loop\",model_version=\"v1\",outcome=\"joined\"} 40", metrics);
        Assert.Contains("monitor_labels_total{model=\"loop\",model_version=\"v1\",outcome=\"duplicate\"} 1", metrics);
        Assert.Contains("monitor_business_events_total{model=\"loop\",model_version=\"v1\",type=\"click\",outcome=\"duplicate\"} 1", metrics);
        Assert.Contains("monitor_accuracy_ratio{model=\"loop\",model_version=\"v1\"} 0.9", metrics);
        Assert.Contains("monitor_precision_macro_ratio{model=\"loop\",model_version=\"v1\"} 0.9", metrics);
        Assert.Contains("monitor_outcome_records_rejected_total{kind=\"label\",reason=\"missing_field\"}", metrics);
        await AssertLintClean(metrics);
    }

    /// <summary>The exposition, outcome families included, passes <c>promtool check metrics</c> (scripts/install-dependencies.sh installs it).</summary>
    private static async Task AssertLintClean(string metrics)
    {
        using var promtool = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await promtool.StandardInput.WriteAsync(metrics);
        promtool.StandardInput.Close();
        var problems = await promtool.StandardError.ReadToEndAsync() + await promtool.StandardOutput.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        Assert.True(promtool.ExitCode == 0, problems);
    }

    [Fact]
    public async Task Labels_for_unknown_models_or_versions_are_refused_per_record()
    {
        await Predict("known", "v1", 2, _ => 1, _ => 0.9);

        var answer = await Post("/v1/labels", """
            [{"model": "known", "version": "v1", "id": "known-v1-0", "label": 1},
             {"model": "known", "version": "v9", "id": "x", "label": 1},
             {"model": "nobody", "id": "x", "label": 1}]
            """);

        Assert.Equal(HttpStatusCode.Accepted, answer.Status);
        Assert.Equal(1, answer.Body.GetProperty("accepted").GetInt32());
        Assert.Equal(2, answer.Body.GetProperty("rejected").GetInt32());
        var errors = answer.Body.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal("unknown_version", errors[0].GetProperty("reason").GetString());
        Assert.StartsWith("version: model 'known' has no version 'v9'", errors[0].GetProperty("error").GetString());
        Assert.Equal("unknown_model", errors[1].GetProperty("reason").GetString());
        Assert.Equal(2, errors[1].GetProperty("index").GetInt32());
    }

    [Theory]
    [InlineData("/v1/labels", "", 400)]
    [InlineData("/v1/labels", "not json", 400)]
    [InlineData("/v1/events", "[{\"model\": \"m\", \"type\": \"click\"", 400)]
    public async Task Unreadable_bodies_are_problems_naming_the_body(string path, string body, int status)
    {
        var answer = await Post(path, body);

        Assert.Equal(status, (int)answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("body", answer.Body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_body_past_the_limit_is_413()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat("""{"model": "m", "id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "label": 1}""", 2000)) + "]";

        var answer = await Post("/v1/labels", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("body", answer.Body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Compare_sets_versions_side_by_side_and_defaults_to_the_champion()
    {
        // v2's input moved half its range away from the reference it was given; v1 has none.
        var reference = await _http.PutAsJsonAsync("/v1/models/ab/versions/v2/reference", new { features = new { x = Enumerable.Range(0, 300).Select(i => i / 300.0) } });
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        await Predict("ab", "v1", 300, i => 1, i => 0.8);
        await Predict("ab", "v2", 300, i => 1, i => 0.8, i => 0.5 + (i / 300.0));
        await Post("/v1/labels", string.Join("\n", Enumerable.Range(0, 300).SelectMany(i => new[]
        {
            $$"""{"model": "ab", "id": "ab-v1-{{i}}", "label": {{(i % 10 < 9 ? 1 : 0)}}}""",
            $$"""{"model": "ab", "id": "ab-v2-{{i}}", "label": {{(i % 10 < 6 ? 1 : 0)}}}""",
        })), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.Conflict, (await Get("/v1/models/ab/compare")).Status);

        var pair = await Get("/v1/models/ab/compare?a=v1&b=v2&minutes=30");
        Assert.Equal(HttpStatusCode.OK, pair.Status);
        var comparison = pair.Body.GetProperty("comparisons")[0];
        Assert.Equal("no_reference", comparison.GetProperty("drift").GetProperty("a").GetProperty("verdict").GetString());
        var drift = comparison.GetProperty("drift").GetProperty("b");
        Assert.Equal("drift", drift.GetProperty("verdict").GetString());
        Assert.Equal("x", drift.GetProperty("drifted_features")[0].GetString());
        Assert.Equal(300, drift.GetProperty("window_records").GetInt32());
        var accuracy = comparison.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "accuracy");
        Assert.Equal("worse", accuracy.GetProperty("verdict").GetString());
        Assert.Equal(-0.3, accuracy.GetProperty("difference").GetDouble(), 9);
        Assert.True(accuracy.GetProperty("ci95_upper").GetDouble() < 0);
        Assert.Equal("two_proportion_z", accuracy.GetProperty("test").GetString());

        var put = await _http.PutAsJsonAsync("/v1/models/ab/champion", new { version = "v2" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("v2", (await _http.GetFromJsonAsync<JsonElement>("/v1/models/ab/champion")).GetProperty("champion").GetString());
        var champion = await Get("/v1/models/ab/compare");
        Assert.Equal("v2", champion.Body.GetProperty("champion").GetString());
        Assert.Equal("v1", champion.Body.GetProperty("comparisons")[0].GetProperty("b").GetString());
    }

    [Fact]
    public async Task Compare_tests_latency_means_with_scipys_welch_p_when_the_mean_is_large_against_the_spread()
    {
        // Latencies of 1e5 ms within about 0.1 ms: Σx² − (Σx)²/n loses three digits of the variance here.
        static string Latency(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var a = Enumerable.Range(0, 600).Select(i => 1e5 + (((i * 7919 % 1000) - 499.5) * 3.5e-4));
        var b = Enumerable.Range(0, 450).Select(i => 1e5 + 0.015 + (((i * 104729 % 997) - 498.0) * 3.5e-4));
        foreach (var (version, values) in new[] { ("v1", a), ("v2", b) })
        {
            var records = values.Select(v => $$"""{"model": "precise", "version": "{{version}}", "prediction": 1, "latency_ms": {{Latency(v)}}, "status": "success"}""");
            var answer = await Post("/v1/predictions", "[" + string.Join(",", records) + "]");
            Assert.Equal(HttpStatusCode.Accepted, answer.Status);
        }

        var pair = await Get("/v1/models/precise/compare?a=v1&b=v2&minutes=30");

        var latency = pair.Body.GetProperty("comparisons")[0].GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "latency_mean_ms");
        Assert.Equal("welch_t", latency.GetProperty("test").GetString());
        const double scipy = 0.054560652866042766; // scipy.stats.ttest_ind(a, b, equal_var=False).pvalue, scipy 1.10
        var p = latency.GetProperty("p_value").GetDouble();
        Assert.True(Math.Abs(p - scipy) <= 1e-6 * scipy, $"p {p:R}, scipy {scipy:R}");
    }

    [Theory]
    [InlineData("/v1/models/none/compare?a=v1&b=v2", 404, "model")]
    [InlineData("/v1/models/bad/compare?a=v1", 400, "b")]
    [InlineData("/v1/models/bad/compare?b=v1", 400, "a")]
    [InlineData("/v1/models/bad/compare?a=v1&b=v1", 400, "b")]
    [InlineData("/v1/models/bad/compare?a=v1&b=v7", 404, "b")]
    [InlineData("/v1/models/bad/compare?a=v1&b=v2&minutes=0", 400, "minutes")]
    [InlineData("/v1/models/bad/compare?a=v1&b=v2&minutes=abc", 400, "minutes")]
    public async Task Bad_compare_requests_are_problems_naming_the_field(string url, int status, string field)
    {
        await Predict("bad", "v1", 1, _ => 1, _ => 0.9);
        await Predict("bad", "v2", 1, _ => 1, _ => 0.9);

        var answer = await Get(url);

        Assert.Equal(status, (int)answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(field, answer.Body.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("{}", 400, "version")]
    [InlineData("{\"version\": \"v9\"}", 404, "version")]
    [InlineData("{\"version\": ", 400, "body")]
    public async Task Bad_champions_are_refused(string body, int status, string field)
    {
        await Predict("champ", "v1", 1, _ => 1, _ => 0.9);

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PutAsync("/v1/models/champ/champion", content);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    private async Task Predict(string model, string version, int count, Func<int, int> prediction, Func<int, double> confidence, Func<int, double>? feature = null)
    {
        static string Number(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var records = Enumerable.Range(0, count).Select(i =>
            $$"""{"model": "{{model}}", "version": "{{version}}", "id": "{{model}}-{{version}}-{{i}}", "features": {"x": {{Number(feature?.Invoke(i) ?? 0)}}}, "prediction": {{prediction(i)}}, "confidence": {{Number(confidence(i))}}, "latency_ms": {{10 + (i % 7)}}, "status": "success"}""");
        var answer = await Post("/v1/predictions", "[" + string.Join(",", records) + "]");
        Assert.Equal(count, answer.Body.GetProperty("accepted").GetInt32());
    }

    private async Task<string> WaitForMetrics(string series)
    {
        // The outcome gauges are refreshed on the version's timer (every 5 s by default).
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var text = await _http.GetStringAsync("/metrics");
            if (text.Contains(series, StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{series} did not appear in /metrics");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> Post(string path, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await _http.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> Get(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(), response.Content.Headers.ContentType?.MediaType);
    }
}
