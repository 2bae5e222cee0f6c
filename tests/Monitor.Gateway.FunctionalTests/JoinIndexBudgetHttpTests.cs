using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// The node's memory budget for join indexes through the real gateway and silo: a budget of 100 ids,
/// predictions with ids to two versions, the older version's ids leave first, counted in its summary
/// and in /metrics (promtool-clean) beside the node's budget and held bytes.
/// </summary>
/// <remarks>
/// The node gauges belong to the process (one silo, one budget, in production); here other test nodes in the
/// same process would set them too, so this class runs alone.
/// </remarks>
[Collection(Alone)]
public sealed partial class JoinIndexBudgetHttpTests : IDisposable
{
    public const string Alone = "join index budget, alone";

    private const long BytesPerId = 150;
    private readonly MonitorFactory _factory = MonitorFactory.With(settings: new Dictionary<string, string?>
    {
        ["Monitor:Outcomes:JoinIndexBudgetBytes"] = (100 * BytesPerId).ToString(CultureInfo.InvariantCulture),
    });

    private readonly HttpClient _http;

    public JoinIndexBudgetHttpTests() => _http = _factory.CreateClient();

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
        Directory.Delete(_factory.DataDirectory, recursive: true);
    }

    [Fact]
    public async Task Over_the_budget_the_older_versions_ids_leave_counted_in_the_summary_and_metrics()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        await Predict("old", start, 80);
        var registered = await _http.GetStringAsync("/metrics");
        Assert.Contains("monitor_prediction_index_evictions_total{model=\"budgeted\",model_version=\"old\",reason=\"budget\"} 0\n", registered);
        Assert.Contains($"monitor_join_index_budget_bytes {100 * BytesPerId}\n", registered);

        // The newer version crosses the budget; the older one lets go of its oldest on its next batch.
        await Predict("new", start.AddMinutes(10), 80);
        await Predict("old", start.AddMinutes(15), 1, first: 80);

        var labels = await Post("/v1/labels", """
            [{"model": "budgeted", "version": "old", "id": "old-0", "label": 1},
             {"model": "budgeted", "version": "old", "id": "old-80", "label": 1},
             {"model": "budgeted", "version": "new", "id": "new-0", "label": 1}]
            """);
        Assert.Equal(HttpStatusCode.Accepted, labels.Status);
        Assert.Equal(1, labels.Body.GetProperty("joins").GetProperty("late").GetInt64());
        Assert.Equal(2, labels.Body.GetProperty("joins").GetProperty("joined").GetInt64());

        var old = await Index("old");
        var evicted = old.GetProperty("evicted_by_budget").GetInt64();
        Assert.InRange(evicted, 50, 81);
        Assert.Equal(0, old.GetProperty("evicted_by_cap").GetInt64());
        Assert.Equal(0, (await Index("new")).GetProperty("evicted_by_budget").GetInt64());

        var text = await _http.GetStringAsync("/metrics");
        Assert.Matches(HeldBytes(), text);
        Assert.InRange(long.Parse(HeldBytes().Match(text).Groups[1].Value, CultureInfo.InvariantCulture), 0, 100 * BytesPerId);
        var (exit, output) = await Promtool.CheckMetrics(text);
        Assert.True(exit == 0, output);

        // The counter is advanced on the version's timer (every 5 s by default).
        var series = $"monitor_prediction_index_evictions_total{{model=\"budgeted\",model_version=\"old\",reason=\"budget\"}} {evicted}\n";
        for (var attempt = 0; attempt < 200 && !text.Contains(series, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            text = await _http.GetStringAsync("/metrics");
        }

        Assert.Contains(series, text);

        // The served OpenAPI document has the new count beside the others.
        var openapi = await _http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"evicted_by_budget\"", openapi);
    }

    [Fact]
    public void A_budget_that_is_not_positive_stops_the_node_at_start_naming_the_setting()
    {
        using var factory = MonitorFactory.With(settings: new Dictionary<string, string?> { ["Monitor:Outcomes:JoinIndexBudgetBytes"] = "0" });
        try
        {
            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            Assert.Contains("JoinIndexBudgetBytes", error.ToString());
        }
        finally
        {
            if (Directory.Exists(factory.DataDirectory))
            {
                Directory.Delete(factory.DataDirectory, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"\nmonitor_join_index_held_bytes (\d+)\n")]
    private static partial Regex HeldBytes();

    private async Task Predict(string version, DateTimeOffset from, int count, int first = 0)
    {
        var records = Enumerable.Range(first, count).Select(i =>
            $$"""{"model": "budgeted", "version": "{{version}}", "id": "{{version}}-{{i}}", "timestamp": "{{from.AddSeconds(i - first).ToString("O", CultureInfo.InvariantCulture)}}", "features": {"x": 1}, "prediction": 1, "confidence": 0.9, "latency_ms": 10, "status": "success"}""");
        var answer = await Post("/v1/predictions", "[" + string.Join(",", records) + "]");
        Assert.Equal(count, answer.Body.GetProperty("accepted").GetInt32());
    }

    private async Task<JsonElement> Index(string version) =>
        (await _http.GetFromJsonAsync<JsonElement>($"/v1/models/budgeted/versions/{version}/summary?minutes=60")).GetProperty("outcomes").GetProperty("index");

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}

[CollectionDefinition(JoinIndexBudgetHttpTests.Alone, DisableParallelization = true)]
public sealed class JoinIndexBudgetCollection;
