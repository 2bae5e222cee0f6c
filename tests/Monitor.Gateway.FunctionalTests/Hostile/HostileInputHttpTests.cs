using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Monitor.Gateway.FunctionalTests.Hostile;

/// <summary>
/// The hostile corpus through the real HTTP endpoints of one node: each request is answered with its
/// expected status (never 5xx) and a problem or per-record error naming the field at fault; the valid
/// records beside a hostile one are kept (counted in their version's summary); and after each request the
/// node is ready, /metrics is promtool-clean and nothing was logged as an error.
/// </summary>
public sealed class HostileInputHttpTests(HostileInputHttpTests.Node node) : IClassFixture<HostileInputHttpTests.Node>
{
    private const string Valid = """{"model":"hostile","version":"v1","latency_ms":12.5,"status":"success","prediction":1,"features":{"amount":3.5}}""";
    private readonly HttpClient _client = node.Client;

    public static TheoryData<string> Corpus() => HostileCorpus.Names();

    [Fact]
    public void The_corpus_covers_at_least_150_requests_on_every_endpoint()
    {
        Assert.True(HostileCorpus.Count >= 150, $"{HostileCorpus.Count} cases");
        var paths = HostileCorpus.Every.Select(c => c.Path).ToList();
        foreach (var endpoint in new[] { "/v1/predictions", "/v1/labels", "/v1/events", "/reference", "/drift/settings", "/v1/alerts/silences", "/v1/alerts/rules", "/v1/alerts/channels", "/v1/alerts/routes", "/champion", "/records", "/summary" })
        {
            Assert.Contains(paths, p => p.Contains(endpoint, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Hostile_input_is_answered_as_expected_and_leaves_the_node_healthy(string name)
    {
        var c = HostileCorpus.Get(name);
        var logged = node.Logs.Lines.Count;
        using var request = new HttpRequestMessage(c.Method, c.Path);
        if (c.Method != HttpMethod.Get || c.Body.Length > 0)
        {
            request.Content = new ByteArrayContent(c.Body);
            request.Content.Headers.ContentType = c.ContentType is null ? null : MediaTypeHeaderValue.Parse(c.ContentType);
        }

        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{name}: {status} {Shorten(text)}");
        Assert.True(status == c.Status, $"{name}: expected {c.Status}, got {status}: {Shorten(text)}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        if (status >= 400)
        {
            AssertProblem(c, response, text);
        }
        else if (c.Accepted is not null || c.Field is not null)
        {
            await AssertRecords(c, text);
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
        var (exit, lint) = await Promtool.CheckMetrics(await _client.GetStringAsync("/metrics"));
        Assert.True(exit == 0, $"{name}: /metrics fails promtool: {lint}");
        var errors = node.Logs.Lines.Skip(logged).Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{name}: logged {string.Join('\n', errors)}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/assets/js/app.js")]
    [InlineData("/assets/favicon.svg")]
    [InlineData("/metrics")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/v1/models")]
    [InlineData("/v1/nothing")]
    public async Task Every_answer_says_nosniff(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
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
    public async Task A_batch_with_impossible_timestamps_keeps_its_hundred_valid_records()
    {
        var records = Enumerable.Range(0, 100).Select(i => Valid.Replace("v1", "hundred").Replace("12.5", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Prepend(Valid.Replace("v1", "hundred").Replace("}}", "},\"timestamp\":\"0001-01-01T00:00:00+01:00\"}"))
            .Append(Valid.Replace("v1", "hundred").Replace("}}", "},\"timestamp\":\"9999-12-31T23:59:59-14:00\"}"));
        using var response = await _client.PostAsync("/v1/predictions", new StringContent("[" + string.Join(',', records) + "]", Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(100, answer.GetProperty("accepted").GetInt32());
        Assert.Equal([0, 101], answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("index").GetInt32()));
        Assert.All(answer.GetProperty("errors").EnumerateArray(), e => Assert.StartsWith("timestamp: ", e.GetProperty("error").GetString(), StringComparison.Ordinal));

        var summary = JsonDocument.Parse(await _client.GetStringAsync("/v1/models/hostile/versions/hundred/summary")).RootElement;
        Assert.Equal(100, summary.GetProperty("total_requests").GetInt64());
        Assert.Equal(100, summary.GetProperty("max_latency_ms").GetDouble());
    }

    private static void AssertProblem(HostileCase c, HttpResponseMessage response, string text)
    {
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{c.Name}: {response.Content.Headers.ContentType} {Shorten(text)}");
        var problem = JsonDocument.Parse(text).RootElement;
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
        Assert.True(detail.Length < 600, $"{c.Name}: the problem echoes too much input ({detail.Length} characters)");
        if (c.Field is null)
        {
            return;
        }

        Assert.True(problem.TryGetProperty("field", out var field), $"{c.Name}: no field in {Shorten(text)}");
        if (c.Field.Length > 0)
        {
            Assert.True(field.GetString() == c.Field, $"{c.Name}: expected field {c.Field}, got {Shorten(text)}");
        }

        Assert.StartsWith(field.GetString() + ": ", detail, StringComparison.Ordinal);
        if (c.Status == 415)
        {
            Assert.Contains("application/json", detail, StringComparison.Ordinal);
        }
    }

    private async Task AssertRecords(HostileCase c, string text)
    {
        var answer = JsonDocument.Parse(text).RootElement;
        var errors = answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("error").GetString()!).ToList();
        if (c.Accepted is { } accepted)
        {
            Assert.True(answer.GetProperty("accepted").GetInt32() == accepted, $"{c.Name}: {Shorten(text)}");
        }

        if (c.Field is not null)
        {
            Assert.True(errors.Count > 0 && errors.All(e => e.StartsWith(c.Field, StringComparison.Ordinal) && e.Length < 600), $"{c.Name}: expected errors naming {c.Field}: {Shorten(text)}");
        }

        if (c.Version is not null)
        {
            // Nothing kept: the version was never registered. Otherwise its summary counts exactly the kept records.
            using var response = await _client.GetAsync($"/v1/models/{HostileRecords.Model}/versions/{c.Version}/summary");
            if (c.Accepted is 0)
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                return;
            }

            var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(c.Accepted ?? 0, summary.GetProperty("total_requests").GetInt64());
        }
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    /// <summary>One node for the whole corpus, with its logs captured.</summary>
    public sealed class Node : IAsyncLifetime
    {
        private readonly MonitorFactory _factory = new();
        private WebApplicationFactory<Monitor.Gateway.GatewayProgram> _app = null!;

        public CapturedLogs Logs { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _app = _factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(Logs)));
            Client = _app.CreateClient();
            var prediction = HostileRecords.Prediction(HostileCorpus.OutcomeVersion, ("id", "\"p-1\""));
            using var response = await Client.PostAsync("/v1/predictions", new StringContent(prediction, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await _app.DisposeAsync();
            await _factory.DisposeAsync();
            Directory.Delete(_factory.DataDirectory, recursive: true);
        }
    }
}
