using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace Monitor.Gateway.FunctionalTests.ModelServers;

/// <summary>
/// KServe's payload logger through POST /v1/ingest/kserve: the documented events replayed with the CloudEvents
/// SDK as the sender, in binary and structured mode, joined into records with latencies from ce-time.
/// </summary>
public sealed class KServeIngestTests : IAsyncLifetime
{
    private const string Endpoint = "/v1/ingest/kserve";
    private ModelServerHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new ModelServerHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task V1_events_in_binary_mode_join_into_one_record_per_row_with_the_latency_of_their_times()
    {
        var events = ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(_host.Time.GetUtcNow().AddSeconds(-1));

        var (status, request) = await _host.Send(Endpoint, events[0]);
        Assert.Equal(200, status);
        Assert.Equal("waiting", request.GetProperty("status").GetString());
        var (status2, response) = await _host.Send(Endpoint, events[1]);
        Assert.Equal(200, status2);
        Assert.Equal("joined", response.GetProperty("status").GetString());
        Assert.Equal(2, response.GetProperty("records").GetInt32());

        // ce-endpoint is empty in the documented events and the V1 body names no version.
        var summary = await _host.Summary("sklearn-iris", "default");
        Assert.Equal(2, summary.GetProperty("total_requests").GetInt64());
        Assert.Equal(100.0, summary.GetProperty("success_rate").GetDouble());
        Assert.Equal(1.7832, summary.GetProperty("p50_latency_ms").GetDouble(), 3);

        var records = await _host.Records("sklearn-iris", "default");
        Assert.Equal(["0009174a-24a8-4603-b098-09c8799950e9:0", "0009174a-24a8-4603-b098-09c8799950e9:1"], records.Select(r => r.GetProperty("id").GetString()).Order());
        var first = records.Single(r => r.GetProperty("id").GetString()!.EndsWith(":0", StringComparison.Ordinal));
        Assert.Equal(6.8, first.GetProperty("features").GetProperty("f0").GetDouble());
        Assert.Equal(1.4, first.GetProperty("features").GetProperty("f3").GetDouble());
        Assert.Equal(1, first.GetProperty("prediction").GetDouble());
    }

    [Fact]
    public async Task V2_events_in_structured_mode_join_whichever_comes_first_and_take_the_version_from_model_version()
    {
        var events = ServedEventFile.Load("kserve-v2-sklearn-iris.json").At(_host.Time.GetUtcNow().AddSeconds(-2));

        // The response first, as data_base64; then the request, as JSON data.
        var (status, response) = await _host.Send(Endpoint, events[1], ContentMode.Structured);
        Assert.Equal(200, status);
        Assert.Equal("waiting", response.GetProperty("status").GetString());
        var (status2, request) = await _host.Send(Endpoint, events[0], ContentMode.Structured, jsonData: true);
        Assert.Equal(200, status2);
        Assert.Equal("joined", request.GetProperty("status").GetString());
        Assert.Equal("v1.0.0", request.GetProperty("version").GetString());

        var summary = await _host.Summary("sklearn-irisv2", "v1.0.0");
        Assert.Equal(2, summary.GetProperty("total_requests").GetInt64());
        Assert.Equal(12.5, summary.GetProperty("p50_latency_ms").GetDouble(), 6);
        var records = await _host.Records("sklearn-irisv2", "v1.0.0");
        Assert.Equal([1.0, 2.0], records.Select(r => r.GetProperty("prediction").GetDouble()).Order());
        Assert.All(records, r => Assert.Equal(4, r.GetProperty("features").EnumerateObject().Count()));
    }

    [Fact]
    public async Task A_canary_rollout_files_default_and_canary_endpoints_as_two_versions()
    {
        var events = ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(_host.Time.GetUtcNow().AddSeconds(-1));
        foreach (var endpoint in new[] { "default", "canary" })
        {
            var id = $"rollout-{endpoint}";
            await SendOk(events[0].With("endpoint", endpoint).With("id", id).With("inferenceservicename", "rollout"), "waiting");
            await SendOk(events[1].With("endpoint", endpoint).With("id", id).With("inferenceservicename", "rollout"), "joined");
        }

        var models = await _host.Get("/v1/models");
        var versions = models.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "rollout").GetProperty("versions");
        Assert.Equal(["canary", "default"], versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()).Order());
        Assert.Equal(2, (await _host.Summary("rollout", "canary")).GetProperty("total_requests").GetInt64());
    }

    [Fact]
    public async Task A_request_without_a_response_becomes_failed_records_after_the_join_timeout()
    {
        var events = ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(_host.Time.GetUtcNow());
        await SendOk(events[0].With("inferenceservicename", "timeouts").With("id", "lost-1"), "waiting");

        _host.Time.Advance(ModelServerHost.JoinTimeout + TimeSpan.FromSeconds(1));
        var summary = await _host.SummaryWhen("timeouts", "default", s => s.GetProperty("total_requests").GetInt64() == 2);
        Assert.Equal(2, summary.GetProperty("error_count").GetInt64());
        Assert.Equal(2, summary.GetProperty("errors_by_type").GetProperty("no_response").GetInt64());

        // Its response, arriving after all, is an orphan: counted, and not applied a second time.
        await SendOk(events[1].With("inferenceservicename", "timeouts").With("id", "lost-1"), "waiting");
        _host.Time.Advance(ModelServerHost.JoinTimeout + TimeSpan.FromSeconds(1));
        var metrics = await MetricsWhen(m => m.Contains("monitor_model_server_orphans_total{source=\"kserve\",kind=\"response\"}", StringComparison.Ordinal));
        Assert.Contains("monitor_model_server_exchanges_total{source=\"kserve\",outcome=\"timed_out\"}", metrics);
        Assert.Equal(2, (await _host.Summary("timeouts", "default")).GetProperty("total_requests").GetInt64());
    }

    [Fact]
    public async Task A_resent_half_is_a_duplicate_and_is_not_applied_twice()
    {
        var events = ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(_host.Time.GetUtcNow().AddSeconds(-1));
        var request = events[0].With("inferenceservicename", "dupes");
        var response = events[1].With("inferenceservicename", "dupes");
        await SendOk(request, "waiting");
        await SendOk(request, "duplicate");
        await SendOk(response, "joined");
        await SendOk(response, "duplicate");

        Assert.Equal(2, (await _host.Summary("dupes", "default")).GetProperty("total_requests").GetInt64());
        Assert.Contains("monitor_model_server_duplicates_total{source=\"kserve\",kind=\"response\"}", await _host.Metrics());
    }

    [Fact]
    public async Task V2_nested_and_bytes_tensors_become_numeric_and_text_features()
    {
        var events = ServedEventFile.Load("kserve-v2-sklearn-iris.json").At(_host.Time.GetUtcNow().AddSeconds(-1));
        var body = """
            {"id": "req-7", "inputs": [
              {"name": "amount", "shape": [2, 1], "datatype": "FP64", "data": [[12.5], [99.0]]},
              {"name": "country", "shape": [2], "datatype": "BYTES", "data": ["DE", "FR"]},
              {"name": "flags", "shape": [2, 2], "datatype": "BOOL", "data": [true, false, false, true]}]}
            """;
        var output = """{"model_name": "fraud", "outputs": [{"name": "score", "shape": [2], "datatype": "FP32", "data": [0.1, 0.9]}]}""";
        await SendOk(events[0].With("inferenceservicename", "fraud").WithBody(body), "waiting");
        await SendOk(events[1].With("inferenceservicename", "fraud").WithBody(output), "joined");

        var records = (await _host.Records("fraud", "default")).OrderBy(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Equal("req-7:0", records[0].GetProperty("id").GetString());
        var features = records[1].GetProperty("features");
        Assert.Equal(99.0, features.GetProperty("amount").GetDouble());
        Assert.Equal("FR", features.GetProperty("country").GetString());
        Assert.Equal(0, features.GetProperty("f0").GetDouble());
        Assert.Equal(1, features.GetProperty("f1").GetDouble());
        Assert.Equal(0.9, records[1].GetProperty("prediction").GetDouble(), 6);
    }

    [Fact]
    public async Task Binary_tensor_data_is_decoded_and_a_wrong_size_is_refused_naming_the_event_and_the_field()
    {
        var events = ServedEventFile.Load("kserve-v2-sklearn-iris.json").At(_host.Time.GetUtcNow().AddSeconds(-1));
        var header = """{"inputs": [{"name": "x", "shape": [2, 2], "datatype": "FP32", "parameters": {"binary_data_size": 16}}]}""";
        var values = new[] { 1.5f, -2f, 3.25f, 4f }.SelectMany(BitConverter.GetBytes).ToArray();
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var request = events[0].With("inferenceservicename", "binary")
            .With("metadata", $$"""{"Inference-Header-Content-Length":["{{headerBytes.Length}}"]}""");
        var cloudEvent = request.ToCloudEvent();
        cloudEvent.DataContentType = "application/octet-stream";
        cloudEvent.Data = headerBytes.Concat(values).ToArray();
        var (status, answer) = await PostEvent(cloudEvent);
        Assert.Equal(200, status);
        Assert.Equal("waiting", answer.GetProperty("status").GetString());
        await SendOk(events[1].With("inferenceservicename", "binary"), "joined");
        var records = (await _host.Records("binary", "v1.0.0")).OrderBy(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Equal(3.25, records[1].GetProperty("features").GetProperty("f0").GetDouble());
        Assert.Equal(-2, records[0].GetProperty("features").GetProperty("f1").GetDouble());

        // Twelve bytes where sixteen are announced: refused, with the event and the field named.
        var broken = request.With("id", "broken-1").ToCloudEvent();
        broken.DataContentType = "application/octet-stream";
        broken.Data = Encoding.UTF8.GetBytes(header).Concat(values.Take(12)).ToArray();
        var (refused, problem) = await PostEvent(broken);
        Assert.Equal(400, refused);
        Assert.Equal("data.inputs[0].parameters.binary_data_size", problem.GetProperty("field").GetString());
        Assert.Equal("broken-1", problem.GetProperty("event").GetString());
        Assert.Contains("request event broken-1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_events_are_refused_with_a_problem_that_names_the_field()
    {
        using var plain = new StringContent("""{"instances": [[1, 2]]}""", Encoding.UTF8, "application/json");
        var (status, problem) = await _host.Post(Endpoint, plain);
        Assert.Equal(400, status);
        Assert.Equal("ce-specversion", problem.GetProperty("field").GetString());

        var events = ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(_host.Time.GetUtcNow());
        var (wrongType, typeProblem) = await _host.Send(Endpoint, events[0].With("type", "com.example.other"));
        Assert.Equal(400, wrongType);
        Assert.Equal("ce-type", typeProblem.GetProperty("field").GetString());

        var (badShape, shapeProblem) = await _host.Send(Endpoint, events[0].WithBody("""{"inputs": [{"name": "x", "shape": [2, 3], "datatype": "FP32", "data": [1, 2, 3]}]}"""));
        Assert.Equal(400, badShape);
        Assert.Equal("data.inputs[0].data", shapeProblem.GetProperty("field").GetString());
        Assert.Contains("needs 6", shapeProblem.GetProperty("detail").GetString());

        var (notJson, jsonProblem) = await _host.Send(Endpoint, events[0].WithBody("{\"instances\": [[1, 2]"));
        Assert.Equal(400, notJson);
        Assert.Equal("data", jsonProblem.GetProperty("field").GetString());

        var (badModel, modelProblem) = await _host.Send(Endpoint, events[0].With("inferenceservicename", "no/slashes"));
        Assert.Equal(400, badModel);
        Assert.Equal("ce-inferenceservicename", modelProblem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unencoded_json_metadata_headers_are_read_as_json()
    {
        await _host.Send(Endpoint, ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(_host.Time.GetUtcNow())[0].With("inferenceservicename", "raw-headers").With("id", "raw-1"));
        using var mapping = new StringContent("""{"segment_header": "X-Tenant", "version": "header", "version_key": "X-Model-Version"}""", Encoding.UTF8, "application/json");
        Assert.True((await _host.Client.PutAsync("/v1/models/raw-headers/mapping", mapping)).IsSuccessStatusCode);

        var time = _host.Time.GetUtcNow().AddSeconds(-1).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (type, body) in new[] { ("request", """{"instances": [[1, 2]]}"""), ("response", """{"predictions": [0]}""") })
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            message.Headers.TryAddWithoutValidation("ce-specversion", "1.0");
            message.Headers.TryAddWithoutValidation("ce-id", "raw-2");
            message.Headers.TryAddWithoutValidation("ce-type", "org.kubeflow.serving.inference." + type);
            message.Headers.TryAddWithoutValidation("ce-source", "http://localhost:9081/");
            message.Headers.TryAddWithoutValidation("ce-time", time);
            message.Headers.TryAddWithoutValidation("ce-inferenceservicename", "raw-headers");
            message.Headers.TryAddWithoutValidation("ce-metadata", """{"X-Tenant":["acme"],"X-Model-Version":["m42"]}""");
            using var answer = await _host.Client.SendAsync(message);
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }

        var record = Assert.Single(await _host.Records("raw-headers", "m42"));
        Assert.Equal("acme", record.GetProperty("features").GetProperty("segment").GetString());
    }

    [Fact]
    public async Task Hostile_bodies_and_headers_get_a_4xx_never_a_5xx()
    {
        var events = ServedEventFile.Load("kserve-v2-sklearn-iris.json").At(_host.Time.GetUtcNow());
        string[] bodies =
        [
            "", "null", "[]", "\u0000\u00ff", "{\"inputs\": 5}", "{\"inputs\": [{\"name\": \"x\", \"datatype\": 5}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [2147483648], \"datatype\": \"FP32\", \"data\": []}]}",
            "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"datatype\": \"FP32\", \"parameters\": {\"binary_data_size\": -4}}]}",
            "{\"instances\": " + new string('[', 200) + new string(']', 200) + "}",
            "{\"instances\": [{\"a\": 1}, 7]}",
        ];
        foreach (var body in bodies)
        {
            var (status, answer) = await _host.Send(Endpoint, events[0].With("id", Guid.NewGuid().ToString()).WithBody(body));
            Assert.True(status is >= 400 and < 500, $"{body}: {status} {answer}");
        }

        foreach (var (header, value) in new[] { ("ce-time", "yesterday"), ("ce-specversion", "9.9"), ("ce-id", ""), ("ce-metadata", "{not json") })
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent("""{"instances": [[1]]}""", Encoding.UTF8, "application/json") };
            foreach (var (name, v) in new Dictionary<string, string>
            {
                ["ce-specversion"] = "1.0", ["ce-id"] = "h-1", ["ce-type"] = "org.kubeflow.serving.inference.request", ["ce-source"] = "/x",
                ["ce-inferenceservicename"] = "hostile", [header] = value,
            })
            {
                message.Headers.TryAddWithoutValidation(name, v);
            }

            using var response = await _host.Client.SendAsync(message);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{header}={value}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var structured = new StringContent("""{"specversion": "1.0", "id": 5}""", Encoding.UTF8, "application/cloudevents+json");
        Assert.Equal(400, (await _host.Post(Endpoint, structured)).Status);
    }

    [Fact]
    public async Task A_batch_of_events_is_answered_event_by_event()
    {
        var events = ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(_host.Time.GetUtcNow().AddSeconds(-1));
        var batch = new[] { events[0].With("inferenceservicename", "batched"), events[1].With("inferenceservicename", "batched"), events[1].With("inferenceservicename", "batched").With("type", "bogus") }
            .Select(e => e.ToCloudEvent()).ToList();
        using var content = CloudNative.CloudEvents.Http.HttpClientExtensions.ToHttpContent(batch, new CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter());
        var (status, answer) = await _host.Post(Endpoint, content);
        Assert.Equal(200, status);
        var statuses = answer.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["waiting", "joined", "refused"], statuses);
        Assert.Equal(2, (await _host.Summary("batched", "default")).GetProperty("total_requests").GetInt64());
    }

    private async Task<(int Status, JsonElement Body)> PostEvent(CloudEvent cloudEvent)
    {
        using var content = CloudNative.CloudEvents.Http.HttpClientExtensions.ToHttpContent(cloudEvent, ContentMode.Binary, new CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter());
        return await _host.Post(Endpoint, content);
    }

    private async Task SendOk(ServedEvent served, string expected)
    {
        var (status, answer) = await _host.Send(Endpoint, served);
        Assert.True(status == 200, $"{served.Type} {served.Id}: {status} {answer}");
        Assert.Equal(expected, answer.GetProperty("status").GetString());
    }

    private async Task<string> MetricsWhen(Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var text = await _host.Metrics();
            if (condition(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(50);
        }
    }
}
