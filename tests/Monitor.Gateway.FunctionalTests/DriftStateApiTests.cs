using System.Net;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// Honest drift states over HTTP: a version with a reference and too few records has no verdict in its report, in
/// the model listing and in /metrics; a feature no record carries is missing_from_current (as monitor drift says);
/// a reference copied to a challenger compares its features and, unless asked, not the champion's outputs.
/// </summary>
public sealed class DriftStateApiTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Too_few_records_are_insufficient_data_in_the_report_the_listing_and_metrics_never_no_drift()
    {
        const string path = "/v1/models/states/versions/few";
        await Client.PutJson($"{path}/reference", new { features = new { x = Enumerable.Range(0, 200).Select(i => (double)(i % 40)).ToArray() } });
        await Client.PostValues("states", "few", [.. Enumerable.Range(0, 12).Select(i => (double)i)]);

        var report = await Client.GetOk($"{path}/drift");
        var dataset = report["dataset"]!;
        Assert.Equal("insufficient_data", dataset["status"]!.GetValue<string>());
        Assert.Null(dataset["drifted"]);
        Assert.Equal(0, dataset["features_tested"]!.GetValue<int>());
        Assert.Equal("insufficient_data", report["features"]![0]!["status"]!.GetValue<string>());

        var line = Listing(await Client.GetOk("/v1/models"), "states", "few");
        Assert.Equal("insufficient_data", line["status"]!.GetValue<string>());
        Assert.Null(line["drifted"]);

        var metrics = await Client.GetStringAsync("/metrics");
        Assert.Contains(@"monitor_drift_insufficient_data{model=""states"",model_version=""few""} 1", metrics);
        Assert.DoesNotContain(@"monitor_drift_dataset_drifted{model=""states"",model_version=""few""}", metrics);
        Assert.DoesNotContain(@"monitor_drift_features_drifted{model=""states"",model_version=""few""}", metrics);

        await Client.PostValues("states", "few", [.. Enumerable.Range(0, 60).Select(i => (double)((i * 7) % 40))]);
        var judged = await Client.GetOk($"{path}/drift");
        Assert.Equal("evaluated", judged["dataset"]!["status"]!.GetValue<string>());
        Assert.NotNull(judged["dataset"]!["drifted"]);
        metrics = await Client.GetStringAsync("/metrics");
        Assert.Contains(@"monitor_drift_insufficient_data{model=""states"",model_version=""few""} 0", metrics);
        Assert.Contains(@"monitor_drift_dataset_drifted{model=""states"",model_version=""few""}", metrics);
        Assert.Equal("evaluated", Listing(await Client.GetOk("/v1/models"), "states", "few")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_feature_absent_from_every_record_of_the_window_is_missing_from_current()
    {
        const string path = "/v1/models/states/versions/absent";
        await Client.PutJson($"{path}/reference", new
        {
            features = new Dictionary<string, object?[]>
            {
                ["x"] = [.. Enumerable.Range(0, 100).Select(i => (object?)(double)(i % 20))],
                ["country"] = [.. Enumerable.Range(0, 100).Select(i => (object?)(i % 2 == 0 ? "DE" : "FR"))],
            },
        });
        await Client.PostValues("states", "absent", [.. Enumerable.Range(0, 50).Select(i => (double)(i % 20))]);

        var features = (await Client.GetOk($"{path}/drift"))["features"]!.AsArray();

        Assert.Equal("evaluated", features.Single(f => f!["name"]!.GetValue<string>() == "x")!["status"]!.GetValue<string>());
        Assert.Equal("missing_from_current", features.Single(f => f!["name"]!.GetValue<string>() == "country")!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_copy_compares_features_only_unless_outputs_are_asked_for_and_the_report_says_which()
    {
        const string models = "/v1/models/challengers/versions";
        var random = new Random(3);
        await Client.PutJson($"{models}/champion/reference", new
        {
            features = new { x = Enumerable.Range(0, 300).Select(_ => random.NextDouble()).ToArray() },
            predictions = Enumerable.Range(0, 300).Select(_ => 0).ToArray(),
            confidences = Enumerable.Range(0, 300).Select(_ => 0.99).ToArray(),
        });

        var plain = await Http.Json(await Client.PostAsync($"{models}/challenger/reference/copy?from=champion", null));
        Assert.False(plain["outputs_compared"]!.GetValue<bool>());
        Assert.Empty(plain["outputs"]!.AsArray());
        Assert.Contains("without its outputs", plain["outputs_note"]!.GetValue<string>());

        // The challenger predicts other classes with other confidences: a different model, not drifted inputs.
        await Client.PostRecords("challengers", "challenger", Enumerable.Range(0, 200).Select(_ =>
            (IDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = random.NextDouble() }), prediction: 1);
        var report = await Client.GetOk($"{models}/challenger/drift");
        Assert.False(report["outputs_compared"]!.GetValue<bool>());
        Assert.Empty(report["outputs"]!.AsArray());
        Assert.Null(report["outputs_verdict"]);
        Assert.Contains("challengers/champion", report["outputs_note"]!.GetValue<string>());
        Assert.Equal(1, report["dataset"]!["features_tested"]!.GetValue<int>());

        var withOutputs = await Http.Json(await Client.PostAsync($"{models}/challenger/reference/copy?from=champion&outputs=true", null));
        Assert.True(withOutputs["outputs_compared"]!.GetValue<bool>());
        Assert.Null(withOutputs["outputs_note"]);
        var compared = await Client.GetOk($"{models}/challenger/drift");
        Assert.True(compared["outputs_compared"]!.GetValue<bool>());
        Assert.True(compared["outputs_verdict"]!["drifted"]!.GetValue<bool>());

        var own = await Client.GetOk($"{models}/champion/drift", HttpStatusCode.OK);
        Assert.True(own["outputs_compared"]!.GetValue<bool>());

        var refused = await Http.AssertProblem(await Client.PostAsync($"{models}/challenger/reference/copy?from=champion&outputs=maybe", null), HttpStatusCode.BadRequest, "outputs");
        Assert.Contains("true or false", refused.ToJsonString());
        Assert.True((await Client.GetOk($"{models}/challenger/reference"))["outputs_compared"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_outputs_choice_of_a_copy()
    {
        var document = await Client.GetOk("/openapi/v1.json");
        var copy = document["paths"]!["/v1/models/{model}/versions/{version}/reference/copy"]!["post"]!;
        var outputs = copy["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "outputs")!;
        Assert.Contains("false (the default)", outputs["description"]!.GetValue<string>());
    }

    private static JsonNode Listing(JsonNode models, string model, string version) =>
        models["models"]!.AsArray().Single(m => m!["model"]!.GetValue<string>() == model)!["versions"]!.AsArray()
            .Single(v => v!["version"]!.GetValue<string>() == version)!["drift"]!;
}
