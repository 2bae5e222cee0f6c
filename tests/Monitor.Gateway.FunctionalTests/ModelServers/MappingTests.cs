using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Monitor.Gateway.FunctionalTests.ModelServers;

/// <summary>A model's mapping through PUT /v1/models/{model}/mapping: how KServe payloads become records, refused clearly when wrong, kept across a restart.</summary>
public sealed class MappingTests
{
    private const string Endpoint = "/v1/ingest/kserve";

    [Fact]
    public async Task A_mapping_names_features_reads_argmax_classes_and_confidence_and_takes_the_version_from_an_annotation()
    {
        await using var host = new ModelServerHost();
        var put = await Put(host, "iris-mapped", """
            {"feature_names": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
             "prediction_output": "probabilities", "prediction": "argmax", "class_names": ["setosa", "versicolor", "virginica"],
             "segment_header": "X-Request-Region", "version": "annotation", "version_key": "serving.kserve.io/revision"}
            """);
        Assert.Equal(200, put.Status);
        Assert.Equal("stored", put.Body.GetProperty("source").GetString());

        var events = ServedEventFile.Load("kserve-v2-sklearn-iris.json").At(host.Time.GetUtcNow().AddSeconds(-1));
        var annotations = """{"serving.kserve.io/revision":"r7"}""";
        var output = """{"outputs": [{"name": "predict", "shape": [2], "datatype": "INT64", "data": [0, 2]}, {"name": "probabilities", "shape": [2, 3], "datatype": "FP32", "data": [0.8, 0.1, 0.1, 0.2, 0.2, 0.6]}]}""";
        var (s1, _) = await host.Send(Endpoint, events[0].With("inferenceservicename", "iris-mapped").With("annotations", annotations));
        var (s2, joined) = await host.Send(Endpoint, events[1].With("inferenceservicename", "iris-mapped").With("annotations", annotations).WithBody(output));
        Assert.Equal((200, 200), (s1, s2));
        Assert.Equal("r7", joined.GetProperty("version").GetString());

        var records = (await host.Records("iris-mapped", "r7")).OrderBy(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Equal("setosa", records[0].GetProperty("prediction").GetString());
        Assert.Equal("virginica", records[1].GetProperty("prediction").GetString());
        Assert.Equal(0.6, records[1].GetProperty("confidence").GetDouble(), 6);
        Assert.Equal(6.0, records[1].GetProperty("features").GetProperty("sepal_length").GetDouble());
        Assert.Equal("eu-west", records[1].GetProperty("features").GetProperty("segment").GetString());

        var summary = await host.Summary("iris-mapped", "r7");
        Assert.Equal(1, summary.GetProperty("predictions").GetProperty("classes").GetProperty("virginica").GetInt64());
    }

    [Fact]
    public async Task A_mapping_that_does_not_fit_the_payload_is_refused_naming_the_event_and_the_mapping_field()
    {
        await using var host = new ModelServerHost();
        Assert.Equal(200, (await Put(host, "short-names", """{"feature_names": ["a", "b"]}""")).Status);

        var events = ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(host.Time.GetUtcNow());
        var (status, problem) = await host.Send(Endpoint, events[0].With("inferenceservicename", "short-names"));
        Assert.Equal(400, status);
        Assert.Equal("mapping.feature_names", problem.GetProperty("field").GetString());
        Assert.Contains("request event 0009174a-24a8-4603-b098-09c8799950e9", problem.GetProperty("detail").GetString());
        Assert.Contains("4 positional values", problem.GetProperty("detail").GetString());

        Assert.Equal(200, (await Put(host, "no-output", """{"prediction_output": "nope"}""")).Status);
        await host.Send(Endpoint, events[0].With("inferenceservicename", "no-output"));
        var (refused, outputProblem) = await host.Send(Endpoint, events[1].With("inferenceservicename", "no-output"));
        Assert.Equal(400, refused);
        Assert.Equal("mapping.prediction_output", outputProblem.GetProperty("field").GetString());
        Assert.Contains("'predictions'", outputProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Invalid_mapping_documents_are_refused_field_by_field()
    {
        await using var host = new ModelServerHost();
        var wrong = await Put(host, "m", """{"prediction": "median", "version": "annotation", "feature_names": ["a", "a"]}""");
        Assert.Equal(400, wrong.Status);
        var fields = wrong.Body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Contains("prediction", fields);
        Assert.Contains("version_key", fields);
        Assert.Contains("feature_names[1]", fields);

        var unknown = await Put(host, "m", """{"features": ["a"]}""");
        Assert.Equal(400, unknown.Status);
        Assert.Equal("features", unknown.Body.GetProperty("field").GetString());

        var typed = await Put(host, "m", """{"feature_names": "a"}""");
        Assert.Equal(400, typed.Status);
        Assert.Equal("feature_names", typed.Body.GetProperty("field").GetString());

        Assert.Equal(400, (await Put(host, "bad model", "{}")).Status);
        Assert.Equal("default", (await host.Get("/v1/models/m/mapping")).GetProperty("source").GetString());
        using var delete = await host.Client.DeleteAsync("/v1/models/m/mapping");
        Assert.Equal(404, (int)delete.StatusCode);
    }

    [Fact]
    public async Task A_stored_mapping_survives_a_restart_and_a_configured_one_applies_without_a_put()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Monitor:ModelServers:Mappings:configured:FeatureNames:0"] = "x",
            ["Monitor:ModelServers:Mappings:configured:FeatureNames:1"] = "y",
        };
        string directory;
        await using (var first = new ModelServerHost(settings: settings))
        {
            directory = first.Factory.DataDirectory;
            Assert.Equal(200, (await Put(first, "kept", """{"feature_names": ["p", "q", "r", "s"], "version": "fixed", "version_key": "v9"}""")).Status);
            var configured = await first.Get("/v1/models/configured/mapping");
            Assert.Equal("configuration", configured.GetProperty("source").GetString());
            Assert.Equal(["x", "y"], configured.GetProperty("mapping").GetProperty("feature_names").EnumerateArray().Select(n => n.GetString()!));
        }

        await using var second = new ModelServerHost(directory, settings);
        var mapping = await second.Get("/v1/models/kept/mapping");
        Assert.Equal("stored", mapping.GetProperty("source").GetString());
        Assert.Equal("v9", mapping.GetProperty("mapping").GetProperty("version_key").GetString());

        var events = ServedEventFile.Load("kserve-v1-sklearn-iris.json").At(second.Time.GetUtcNow().AddSeconds(-1));
        await second.Send(Endpoint, events[0].With("inferenceservicename", "kept"));
        var (status, joined) = await second.Send(Endpoint, events[1].With("inferenceservicename", "kept"));
        Assert.Equal(200, status);
        Assert.Equal("v9", joined.GetProperty("version").GetString());
        var record = (await second.Records("kept", "v9"))[0];
        Assert.True(record.GetProperty("features").TryGetProperty("s", out _));

        using var delete = await second.Client.DeleteAsync("/v1/models/kept/mapping");
        Assert.Equal(200, (int)delete.StatusCode);
        Assert.Equal("stored", JsonDocument.Parse(await delete.Content.ReadAsStringAsync()).RootElement.GetProperty("source").GetString());
        Assert.Equal("default", (await second.Get("/v1/models/kept/mapping")).GetProperty("source").GetString());
    }

    private static async Task<(int Status, JsonElement Body)> Put(ModelServerHost host, string model, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await host.Client.PutAsync($"/v1/models/{Uri.EscapeDataString(model)}/mapping", content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
