namespace Monitor.Gateway.FunctionalTests.ModelServers;

/// <summary>Seldon Core v1's request logger through POST /v1/ingest/seldon: the documented events, joined by request id, and feedback joined as labels.</summary>
public sealed class SeldonIngestTests
{
    private const string Endpoint = "/v1/ingest/seldon";

    [Fact]
    public async Task Seldon_request_and_response_join_by_request_id_and_feedback_truth_becomes_a_joined_label()
    {
        await using var host = new ModelServerHost();
        var events = ServedEventFile.Load("seldon-model-logs.json").At(host.Time.GetUtcNow().AddMinutes(-2));

        var (s1, request) = await host.Send(Endpoint, events[0]);
        var (s2, response) = await host.Send(Endpoint, events[1]);
        Assert.Equal((200, 200), (s1, s2));
        Assert.Equal("waiting", request.GetProperty("status").GetString());
        Assert.Equal("joined", response.GetProperty("status").GetString());
        Assert.Equal("logging", response.GetProperty("version").GetString());

        var summary = await host.Summary("model-logs", "logging");
        Assert.Equal(1, summary.GetProperty("total_requests").GetInt64());
        Assert.Equal(8.6736, summary.GetProperty("p50_latency_ms").GetDouble(), 3);
        var record = (await host.Records("model-logs", "logging")).Single();
        Assert.Equal("33fb419e-8d6b-44e0-a084-8bd4bd4dbf7b:0", record.GetProperty("id").GetString());
        Assert.Equal(5.0, record.GetProperty("features").GetProperty("f2").GetDouble());
        Assert.Equal(0.43782349911420193, record.GetProperty("prediction").GetDouble(), 12);

        var (s3, feedback) = await host.Send(Endpoint, events[2]);
        Assert.Equal(200, s3);
        Assert.Equal("labels", feedback.GetProperty("status").GetString());
        Assert.Equal(1, feedback.GetProperty("records").GetInt32());

        var outcomes = (await host.SummaryWhen("model-logs", "logging", s =>
            s.TryGetProperty("outcomes", out var o) && o.GetProperty("labels").GetProperty("joined").GetInt64() == 1)).GetProperty("outcomes");
        Assert.Equal(1, outcomes.GetProperty("labels").GetProperty("joined").GetInt64());
        Assert.Contains(outcomes.GetProperty("business").GetProperty("types").EnumerateArray(), t => t.GetProperty("type").GetString() == "reward");
    }

    [Fact]
    public async Task Seldon_tensor_bodies_with_names_and_feedback_for_an_unknown_model_are_handled_clearly()
    {
        await using var host = new ModelServerHost();
        var events = ServedEventFile.Load("seldon-model-logs.json").At(host.Time.GetUtcNow().AddSeconds(-1));
        var request = events[0].With("inferenceservicename", "tensor-model").WithBody("""{"data": {"names": ["a", "b"], "tensor": {"shape": [2, 2], "values": [1, 2, 3, 4]}}}""");
        var response = events[1].With("inferenceservicename", "tensor-model").WithBody("""{"data": {"names": ["cat", "dog"], "tensor": {"shape": [2, 2], "values": [0.9, 0.1, 0.3, 0.7]}}, "meta": {}}""");
        await host.Send(Endpoint, request);
        var (status, joined) = await host.Send(Endpoint, response);
        Assert.Equal(200, status);
        Assert.Equal(2, joined.GetProperty("records").GetInt32());
        var records = (await host.Records("tensor-model", "logging")).OrderBy(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Equal(3, records[1].GetProperty("features").GetProperty("a").GetDouble());
        Assert.Equal("cat", records[0].GetProperty("prediction").GetString());
        Assert.Equal("dog", records[1].GetProperty("prediction").GetString());
        Assert.Equal(0.7, records[1].GetProperty("confidence").GetDouble(), 6);

        var (refused, problem) = await host.Send(Endpoint, events[2].With("inferenceservicename", "never-seen"));
        Assert.Equal(400, refused);
        Assert.Contains("never-seen", problem.GetProperty("detail").GetString());
        Assert.Contains("monitor_model_server_orphans_total{source=\"seldon\",kind=\"feedback\"}", await host.Metrics());
    }
}
