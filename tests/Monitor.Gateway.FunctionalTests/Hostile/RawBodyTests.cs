using System.Net;
using System.Text;

namespace Monitor.Gateway.FunctionalTests.Hostile;

/// <summary>
/// Bodies that break at the network level, sent on raw sockets to real Kestrel: slow ones get 408, broken
/// chunk framing 400, cut-off ones never a 5xx; each with a problem naming the body, no error in the log,
/// and a ready node afterwards. Every endpoint that reads a body is tried.
/// </summary>
public sealed class RawBodyTests(KestrelNode node) : IClassFixture<KestrelNode>
{
    public static TheoryData<string, string, string> BodyEndpoints() => new()
    {
        { "POST", "/v1/predictions", "application/json" },
        { "POST", "/v1/predictions", "application/x-ndjson" },
        { "POST", "/v1/labels", "application/json" },
        { "POST", "/v1/events", "application/json" },
        { "PUT", "/v1/models/raw/versions/v1/reference", "application/json" },
        { "PUT", "/v1/models/raw/versions/v1/reference", "text/csv" },
        { "PUT", "/v1/models/raw/versions/v1/drift/settings", "application/json" },
        { "POST", "/v1/alerts/rules", "application/json" },
        { "PUT", "/v1/alerts/rules/RawRule", "application/json" },
        { "POST", "/v1/alerts/channels", "application/json" },
        { "PUT", "/v1/alerts/channels/raw", "application/json" },
        { "PUT", "/v1/alerts/routes", "application/json" },
        { "POST", "/v1/alerts/silences", "application/json" },
        { "PUT", "/v1/models/raw/champion", "application/json" },
    };

    [Fact]
    public async Task A_body_that_stalls_after_ten_bytes_is_answered_408_on_every_endpoint()
    {
        var logged = node.Logs.Lines.Count;

        // All at once: each waits out the grace period on its own connection.
        var endpoints = BodyEndpoints().Select(e => ((string)e[0], (string)e[1], (string)e[2])).ToList();
        var answers = await Task.WhenAll(endpoints.Select(e =>
            node.SendRawAsync(Head(e.Item1, e.Item2, e.Item3, "Content-Length: 1000"), Encoding.ASCII.GetBytes("{\"version\""), closeAfterSending: false)));

        for (var i = 0; i < endpoints.Count; i++)
        {
            Assert.True(answers[i].StartsWith("HTTP/1.1 408 ", StringComparison.Ordinal), $"{endpoints[i]}: {answers[i]}");
            AssertProblem(answers[i], 408);
        }

        await AssertHealthy(logged);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Invalid_chunk_framing_is_answered_400(string method, string path, string contentType)
    {
        var logged = node.Logs.Lines.Count;
        var answer = await node.SendRawAsync(Head(method, path, contentType, "Transfer-Encoding: chunked"), Encoding.ASCII.GetBytes("zz\r\n[{\"mo\r\n0\r\n\r\n"), closeAfterSending: false);

        AssertProblem(answer, 400);
        await AssertHealthy(logged);
    }

    [Theory]
    [InlineData("chunk longer than its size", "5\r\n[{\"model\":1}\r\n0\r\n\r\n")]
    [InlineData("size overflowing 64 bits", "FFFFFFFFFFFFFFFFFFFFFFFF\r\n[\r\n0\r\n\r\n")]
    [InlineData("size with a sign", "-5\r\n[{}]\r\n0\r\n\r\n")]
    [InlineData("size missing", "\r\n[]\r\n0\r\n\r\n")]
    [InlineData("bare line feeds", "2\n[]\n0\n\n")]
    public async Task Broken_chunks_of_every_kind_are_answered_400(string name, string chunks)
    {
        var logged = node.Logs.Lines.Count;
        var answer = await node.SendRawAsync(Head("POST", "/v1/predictions", "application/json", "Transfer-Encoding: chunked"), Encoding.ASCII.GetBytes(chunks), closeAfterSending: false);

        Assert.True(answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), $"{name}: {answer}");
        AssertProblem(answer, 400);
        await AssertHealthy(logged);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task A_body_cut_off_by_the_client_is_never_a_server_error(string method, string path, string contentType)
    {
        foreach (var (framing, body) in new[] { ("Transfer-Encoding: chunked", "40\r\n[{\"model\":\"m\""), ("Content-Length: 1000", "[{\"model\":\"m\"") })
        {
            var logged = node.Logs.Lines.Count;
            var answer = await node.SendRawAsync(Head(method, path, contentType, framing), Encoding.ASCII.GetBytes(body), closeAfterSending: true);

            // The client is gone, so Kestrel may close without an answer; what it does send is a 400 problem.
            if (answer.Length > 0)
            {
                AssertProblem(answer, 400);
            }

            await AssertHealthy(logged);
        }
    }

    [Fact]
    public async Task A_slow_body_keeps_nothing_and_the_next_request_on_the_node_is_served()
    {
        var head = Head("POST", "/v1/predictions", "application/json", "Content-Length: 5000");
        var record = Encoding.ASCII.GetBytes("[{\"model\":\"raw\",\"version\":\"slow\",\"latency_ms\":1,\"status\":\"success\"},");
        AssertProblem(await node.SendRawAsync(head, record, closeAfterSending: false), 408);

        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/v1/models/raw/versions/slow/summary")).StatusCode);
        var ok = await node.Client.PostAsync("/v1/predictions", new StringContent("""{"model":"raw","version":"fast","latency_ms":1,"status":"success"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
    }

    private static string Head(string method, string path, string contentType, string framing) =>
        $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {contentType}\r\n{framing}\r\n\r\n";

    private static void AssertProblem(string answer, int status)
    {
        Assert.True(answer.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), answer);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-Content-Type-Options: nosniff", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"field\":\"body\"", answer, StringComparison.Ordinal);
        Assert.Contains("\"detail\":\"body: ", answer, StringComparison.Ordinal);
    }

    private async Task AssertHealthy(int logged)
    {
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/health/ready")).StatusCode);
        var errors = node.ErrorsSince(logged);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }
}
