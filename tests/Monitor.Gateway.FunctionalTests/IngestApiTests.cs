using System.Text;
using System.Text.Json;

namespace Monitor.Gateway.FunctionalTests;

public sealed class IngestApiTests : IClassFixture<MonitorFactory>
{
    private readonly HttpClient _http;

    public IngestApiTests(MonitorFactory factory) => _http = factory.CreateClient();

    [Fact]
    public async Task One_record_is_accepted()
    {
        var (status, body) = await _http.PostJson("/v1/predictions", ApiClient.Record("ingest", "one", 12.5));
        Assert.Equal(202, status);
        Assert.Equal(1, (int)body!["accepted"]!);
        Assert.Equal(0, (int)body["rejected"]!);
    }

    [Fact]
    public async Task Mixed_array_keeps_the_valid_records_and_names_each_refusal()
    {
        var ok = ApiClient.Record("ingest", "mixed", 10);
        var records = new object[]
        {
            ok,
            ApiClient.Record("ingest", "mixed", -5),
            ok,
            new Dictionary<string, object?> { ["version"] = "mixed", ["latency_ms"] = 1, ["status"] = "success" },
            ApiClient.Record("ingest", "mixed", 10, confidence: 1.5),
            ok,
        };

        var (status, body) = await _http.PostJson("/v1/predictions", records);

        Assert.Equal(202, status);
        Assert.Equal(3, (int)body!["accepted"]!);
        Assert.Equal(3, (int)body["rejected"]!);
        var errors = body["errors"]!.AsArray();
        Assert.Equal([1, 3, 4], errors.Select(e => (int)e!["index"]!));
        Assert.Contains("latency_ms", (string)errors[0]!["error"]!);
        Assert.Contains("model", (string)errors[1]!["error"]!);
        Assert.Contains("confidence", (string)errors[2]!["error"]!);

        var (_, summary) = await _http.GetJson("/v1/models/ingest/versions/mixed/summary?minutes=5");
        Assert.Equal(3, (long)summary!["total_requests"]!);
    }

    [Fact]
    public async Task Ndjson_lines_are_records()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 5).Select(i => JsonSerializer.Serialize(ApiClient.Record("ingest", "ndjson", 10 + i)))) + "\n";
        var (status, body) = await _http.PostRaw("/v1/predictions", lines, "application/x-ndjson");
        Assert.Equal(202, status);
        Assert.Equal(5, (int)body!["accepted"]!);
    }

    [Fact]
    public async Task Python_style_nan_costs_only_its_record()
    {
        var good = JsonSerializer.Serialize(ApiClient.Record("ingest", "nan", 10));
        var bad = good.Replace("\"latency_ms\":10", "\"latency_ms\":NaN", StringComparison.Ordinal);
        var (status, body) = await _http.PostRaw("/v1/predictions", $"[{good},{bad},{good}]");
        Assert.Equal(202, status);
        Assert.Equal(2, (int)body!["accepted"]!);
        Assert.Equal(1, (int)body["errors"]![0]!["index"]!);
    }

    [Fact]
    public async Task Body_that_is_not_json_is_a_problem()
    {
        var (status, body) = await _http.PostRaw("/v1/predictions", "hello");
        Assert.Equal(400, status);
        Assert.Equal("body", (string)body!["field"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["detail"]));
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_problem_json()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("[" + new string(' ', 11 * 1024 * 1024) + "]"));
        content.Headers.ContentType = new("application/json");
        using var response = await _http.PostAsync("/v1/predictions", content);
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
