using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests;

public sealed class QueryApiTests : IClassFixture<MonitorFactory>
{
    private readonly HttpClient _http;

    public QueryApiTests(MonitorFactory factory) => _http = factory.CreateClient();

    [Fact]
    public async Task Summary_percentiles_are_numpy_exact()
    {
        var vector = StatVectors.Section("quantiles_linear")[3];
        var values = vector.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var records = values.Select(v => ApiClient.Record("query", "exact", v)).ToArray();
        Assert.Equal(202, (await _http.PostJson("/v1/predictions", records)).Status);

        var (status, summary) = await _http.GetJson("/v1/models/query/versions/exact/summary?minutes=60");

        Assert.Equal(200, status);
        Assert.Equal(values.Length, (long)summary!["total_requests"]!);
        Assert.Equal("exact", (string)summary["percentiles"]!["method"]!);
        var linear = vector.GetProperty("linear").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(linear[0], (double)summary["p50_latency_ms"]!, 1e-9);
        Assert.Equal(linear[2], (double)summary["p95_latency_ms"]!, 1e-9);
        Assert.Equal(linear[3], (double)summary["p99_latency_ms"]!, 1e-9);
        Assert.Equal(vector.GetProperty("max").GetDouble(), (double)summary["max_latency_ms"]!);
        Assert.Equal(100.0, (double)summary["success_rate"]!);
    }

    [Fact]
    public async Task Summary_counts_errors_by_type_and_the_success_rate_in_percent()
    {
        var records = new[]
        {
            ApiClient.Record("query", "errors", 5),
            ApiClient.Record("query", "errors", 5, status: "error", error: "Timeout"),
            ApiClient.Record("query", "errors", 5, status: "error", error: "Timeout"),
            ApiClient.Record("query", "errors", 5),
        };
        await _http.PostJson("/v1/predictions", records);

        var (_, summary) = await _http.GetJson("/v1/models/query/versions/errors/summary");

        Assert.Equal(50.0, (double)summary!["success_rate"]!);
        Assert.Equal(2, (long)summary["errors_by_type"]!["Timeout"]!);
        Assert.Equal(0.9, (double)summary["confidence"]!["mean"]!, 9);
        Assert.Equal(4, (long)summary["predictions"]!["classes"]!["1"]!);
    }

    [Fact]
    public async Task Time_series_covers_the_asked_period_in_steps()
    {
        var now = DateTimeOffset.UtcNow;
        await _http.PostJson("/v1/predictions", new[]
        {
            ApiClient.Record("query", "series", 10, now.AddMinutes(-3)),
            ApiClient.Record("query", "series", 20, now.AddMinutes(-3)),
            ApiClient.Record("query", "series", 30, now),
        });

        var (status, series) = await _http.GetJson("/v1/models/query/versions/series/timeseries?minutes=10&step=60");

        Assert.Equal(200, status);
        Assert.Equal(60, (int)series!["step_seconds"]!);
        var points = series["points"]!.AsArray();
        Assert.InRange(points.Count, 10, 12);
        Assert.Equal(3, points.Sum(p => (long)p!["total_requests"]!));
        Assert.Contains(points, p => (long)p!["total_requests"]! == 2);
    }

    [Fact]
    public async Task Records_are_filtered_by_id_and_time_in_the_log_format()
    {
        var now = DateTimeOffset.UtcNow;
        await _http.PostJson("/v1/predictions", new[]
        {
            ApiClient.Record("query", "records", 1, now.AddSeconds(-30), id: "a"),
            ApiClient.Record("query", "records", 2, now.AddSeconds(-20), id: "b"),
            ApiClient.Record("query", "records", 3, now.AddSeconds(-10), id: "c"),
        });

        var (_, byId) = await _http.GetJson("/v1/models/query/versions/records/records?id=b");
        var record = byId!["records"]!.AsArray().Single()!;
        Assert.Equal("b", (string)record["id"]!);
        Assert.Equal(2.0, (double)record["latency_ms"]!);
        Assert.Equal(12.5, (double)record["features"]!["amount"]!);
        Assert.Equal("DE", (string)record["features"]!["country"]!);
        Assert.Null(record["features"]!["age"]);
        Assert.Equal("success", (string)record["status"]!);

        var from = Uri.EscapeDataString(now.AddSeconds(-25).ToString("O"));
        var (_, since) = await _http.GetJson($"/v1/models/query/versions/records/records?from={from}");
        Assert.Equal(["b", "c"], since!["records"]!.AsArray().Select(r => (string)r!["id"]!));
    }

    [Fact]
    public async Task Models_list_every_version_with_a_health_line()
    {
        await _http.PostJson("/v1/predictions", new[] { ApiClient.Record("listed", "v1", 5), ApiClient.Record("listed", "v2", 5) });

        var (status, list) = await _http.GetJson("/v1/models");

        Assert.Equal(200, status);
        var model = list!["models"]!.AsArray().Single(m => (string)m!["model"]! == "listed")!;
        var versions = model["versions"]!.AsArray();
        Assert.Equal(["v1", "v2"], versions.Select(v => (string)v!["version"]!).Order());
        Assert.All(versions, v => Assert.Equal("healthy", (string)v!["status"]!));
        Assert.All(versions, v => Assert.Contains("requests", (string)v!["line"]!));
    }

    [Theory]
    [InlineData("/v1/models/query/versions/nope/summary", 404, "version")]
    [InlineData("/v1/models/query/versions/bad/summary?minutes=0", 400, "minutes")]
    [InlineData("/v1/models/query/versions/bad/summary?minutes=abc", 400, "minutes")]
    [InlineData("/v1/models/query/versions/bad/summary?minutes=100000", 400, "minutes")]
    [InlineData("/v1/models/query/versions/bad/timeseries?step=1", 400, "step")]
    [InlineData("/v1/models/query/versions/bad/records?from=yesterday", 400, "from")]
    [InlineData("/v1/models/query/versions/bad/records?limit=0", 400, "limit")]
    public async Task Bad_queries_are_problems_naming_the_field(string path, int expected, string field)
    {
        await _http.PostJson("/v1/predictions", ApiClient.Record("query", "bad", 1));

        var (status, body) = await _http.GetJson(path);

        Assert.Equal(expected, status);
        Assert.Equal(field, (string)body!["field"]!);
    }
}
