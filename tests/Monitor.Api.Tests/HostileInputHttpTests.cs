using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Monitor.Api.Tests;

/// <summary>
/// Bad input through the real HTTP endpoint: each body of the corpus is answered 4xx with a
/// problem (or per-record errors) a person can act on; the server stays healthy; a mixed request
/// keeps its valid records.
/// </summary>
public sealed class HostileInputHttpTests : IClassFixture<HostileInputHttpTests.Node>
{
    private const string Valid = """{"model":"hostile","version":"v1","latency_ms":12.5,"status":"success","prediction":1,"features":{"amount":3.5}}""";
    private readonly HttpClient _client;

    public HostileInputHttpTests(Node node) => _client = node.Factory.CreateClient();

    public static TheoryData<string, byte[], string, string> Corpus()
    {
        var data = new TheoryData<string, byte[], string, string>();
        void Add(string name, byte[] body, string contentType, string expect) => data.Add(name, body, contentType, expect);
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        Add("malformed", Utf8("{\"model\": \"m\", \"version\": }"), "application/json", "");
        Add("truncated", Utf8(Valid[..40]), "application/json", "");
        Add("truncated array", Utf8("[" + Valid + "," + Valid[..30]), "application/json", "");
        Add("deep nesting", Utf8(new string('[', 100_000) + new string(']', 100_000)), "application/json", "");
        Add("deep nesting in features", Utf8("{\"model\":\"m\",\"version\":\"v\",\"latency_ms\":1,\"status\":\"success\",\"features\":{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}}"), "application/json", "");
        Add("huge number", Utf8(Valid.Replace("12.5", "1e400")), "application/json", "latency_ms");
        Add("huge integer", Utf8(Valid.Replace("12.5", new string('9', 5000))), "application/json", "latency_ms");
        Add("NaN literal", Utf8(Valid.Replace("12.5", "NaN")), "application/json", "");
        Add("NaN string", Utf8(Valid.Replace("12.5", "\"NaN\"")), "application/json", "latency_ms");
        Add("wrong type model", Utf8(Valid.Replace("\"hostile\"", "42")), "application/json", "model");
        Add("wrong type features", Utf8(Valid.Replace("{\"amount\":3.5}", "[1,2,3]")), "application/json", "features");
        Add("wrong type status", Utf8(Valid.Replace("\"success\"", "true")), "application/json", "status");
        Add("invalid UTF-8", [.. Utf8("{\"model\":\"m\",\"version\":\"v"), 0xC3, 0x28, 0xFF, .. Utf8("\",\"latency_ms\":1,\"status\":\"success\"}")], "application/json", "");
        Add("megabyte string", Utf8(Valid.Replace("\"v1\"", "\"" + new string('x', 1_000_000) + "\"")), "application/json", "version");
        Add("megabyte feature text", Utf8(Valid.Replace("3.5", "\"" + new string('y', 1_000_000) + "\"")), "application/json", "features");
        Add("too many features", Utf8(Valid.Replace("{\"amount\":3.5}", "{" + string.Join(',', Enumerable.Range(0, 300).Select(i => $"\"f{i}\":{i}")) + "}")), "application/json", "features");
        Add("empty body", [], "application/json", "");
        Add("not JSON at all", Utf8("hello"), "application/json", "");
        Add("bare number", Utf8("42"), "application/json", "");
        Add("ndjson garbage line", Utf8(Valid + "\n{oops\n"), "application/x-ndjson", "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_input_is_answered_4xx_with_a_clear_error_and_the_server_stays_healthy(string name, byte[] body, string contentType, string field)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _client.PostAsync("/v1/predictions", content);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        string message;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            // A body that parses as records gets per-record errors: none of them accepted.
            var answer = JsonDocument.Parse(text).RootElement;
            Assert.True(answer.GetProperty("accepted").GetInt32() == 0 || name is "ndjson garbage line" or "truncated array", $"{name}: {text}");
            Assert.True(answer.GetProperty("rejected").GetInt32() > 0, $"{name}: {text}");
            message = answer.GetProperty("errors").EnumerateArray().Last().GetProperty("error").GetString()!;
        }
        else
        {
            Assert.True(status is >= 400 and < 500, $"{name}: {status} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            message = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
        }

        Assert.False(string.IsNullOrWhiteSpace(message), name);
        Assert.True(message.Length < 600, $"{name}: the error echoes too much input ({message.Length} chars)");
        Assert.StartsWith(field, message);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task A_huge_body_is_refused_413_before_it_is_read()
    {
        using var content = new ByteArrayContent(new byte[11 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync("/v1/predictions", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("body: larger than the limit", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Too_many_records_in_one_request_are_refused_413()
    {
        var body = "[" + string.Join(',', Enumerable.Repeat(Valid, 10_001)) + "]";
        using var response = await _client.PostAsync("/v1/predictions", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Matches("records", detail);
    }

    [Fact]
    public async Task A_mixed_request_keeps_its_valid_records()
    {
        var records = new[]
        {
            Valid.Replace("v1", "mixed"),
            Valid.Replace("v1", "mixed").Replace("12.5", "-3"),
            Valid.Replace("v1", "mixed").Replace("\"success\"", "\"maybe\""),
            Valid.Replace("v1", "mixed").Replace("\"hostile\"", "\"" + new string('m', 5000) + "\""),
            Valid.Replace("v1", "mixed").Replace("12.5", "1e400"),
            Valid.Replace("v1", "mixed").Replace("12.5", "7"),
        };
        using var response = await _client.PostAsync("/v1/predictions", new StringContent("[" + string.Join(',', records) + "]", Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(4, answer.GetProperty("rejected").GetInt32());
        Assert.Equal([1, 2, 3, 4], answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("index").GetInt32()));

        var summary = JsonDocument.Parse(await _client.GetStringAsync("/v1/models/hostile/versions/mixed/summary")).RootElement;
        Assert.Equal(2, summary.GetProperty("total_requests").GetInt64());
        Assert.Equal(7, summary.GetProperty("min_latency_ms").GetDouble());
        Assert.Equal(12.5, summary.GetProperty("max_latency_ms").GetDouble());
    }

    public sealed class Node : IAsyncLifetime
    {
        public MonitorFactory Factory { get; } = new();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
