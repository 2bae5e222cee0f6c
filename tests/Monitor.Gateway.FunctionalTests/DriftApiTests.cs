using System.Net;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests;

public sealed class DriftApiTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string> KsCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in StatVectors.Section("ks_2samp_two_sided").EnumerateArray())
        {
            var current = c.GetProperty("current").GetArrayLength();
            if (c.GetProperty("method").GetString() == "auto" && current >= 30 && current <= 1000 && c.GetProperty("reference").GetArrayLength() <= 2000)
            {
                data.Add(c.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KsCases))]
    public async Task The_KS_p_value_in_the_report_is_scipys(string name)
    {
        var vector = StatVectors.Section("ks_2samp_two_sided").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var version = "ks-" + name;
        var put = await Client.PutJson($"/v1/models/vectors/versions/{version}/reference", new { features = new { x = vector.Doubles("reference") } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await Client.PostValues("vectors", version, vector.Doubles("current"));

        var report = await Client.GetOk($"/v1/models/vectors/versions/{version}/drift");

        var ks = report["features"]![0]!["tests"]!.AsArray().Single(t => t!["test"]!.GetValue<string>() == "kolmogorov_smirnov")!;
        var expectedP = vector.GetProperty("pvalue").GetDouble();
        var expectedD = vector.GetProperty("statistic").GetDouble();
        StatVectors.Close(expectedP, ks["p_value"]!.GetValue<double>(), "p vs scipy");
        StatVectors.Close(expectedD, ks["statistic"]!.GetValue<double>(), "D vs scipy");
        Assert.Equal(vector.GetProperty("current").GetArrayLength(), ks["current_size"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_report_has_the_dataset_verdict_outputs_and_the_windows_data_quality()
    {
        const string path = "/v1/models/report/versions/v1";
        var random = new Random(17);
        await Client.PutJson($"{path}/reference", new
        {
            features = new Dictionary<string, object?[]>
            {
                ["amount"] = [.. Enumerable.Range(0, 300).Select(_ => (object?)Normal(random))],
                ["country"] = [.. Enumerable.Range(0, 300).Select(i => (object?)(i % 3 == 0 ? "DE" : "FR"))],
            },
            predictions = Enumerable.Range(0, 300).Select(i => i % 2).ToArray(),
            confidences = Enumerable.Range(0, 300).Select(_ => random.NextDouble()).ToArray(),
        });
        await Client.PostRecords("report", "v1", Enumerable.Range(0, 200).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["amount"] = i % 20 == 0 ? null : Normal(random) + 1,
            ["country"] = i % 10 == 0 ? "IT" : "DE",
            ["extra"] = 1,
        }), prediction: 1);

        var report = await Client.GetOk($"{path}/drift");

        Assert.True(report["dataset"]!["drifted"]!.GetValue<bool>());
        Assert.Equal("bonferroni", report["dataset"]!["correction"]!.GetValue<string>());
        Assert.Equal(200, report["window_records"]!.GetValue<int>());
        Assert.Equal(1000, report["window_size"]!.GetValue<int>());
        var amount = report["features"]![0]!;
        Assert.Equal(10, amount["current_missing"]!.GetValue<int>());
        Assert.Equal("cramer_von_mises", amount["verdict"]!["test"]!.GetValue<string>());
        Assert.Equal(["extra"], report["unknown_features"]!.AsArray().Select(n => n!.GetValue<string>()));
        var prediction = report["outputs"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "prediction")!;
        Assert.True(prediction["verdict"]!["drifted"]!.GetValue<bool>());
        Assert.NotNull(report["outputs_verdict"]);
        var quality = report["data_quality"]!;
        Assert.Equal(1.0, quality["unknown_feature_share"]!.GetValue<double>());
        var qualityAmount = quality["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "amount")!;
        Assert.Equal(0.05, qualityAmount["null_share"]!.GetValue<double>());
        var qualityCountry = quality["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "country")!;
        Assert.Equal(0.1, qualityCountry["unseen_category_share"]!.GetValue<double>(), 12);

        var summary = await Client.GetOk($"{path}/summary?minutes=60");
        Assert.Equal(200, summary["data_quality"]!["records"]!.GetValue<long>());
        Assert.Equal(1.0, summary["data_quality"]!["schema_violation_share"]!.GetValue<double>());
    }

    [Fact]
    public async Task Drift_without_a_reference_is_a_conflict_and_of_an_unknown_version_not_found()
    {
        await Client.PostValues("noref", "v1", [1.0, 2.0]);
        var problem = await Http.AssertProblem(await Client.GetAsync("/v1/models/noref/versions/v1/drift"), HttpStatusCode.Conflict, "reference");
        Assert.Contains("PUT .../reference", problem["detail"]!.GetValue<string>());
        await Http.AssertProblem(await Client.GetAsync("/v1/models/noref/versions/v9/drift"), HttpStatusCode.NotFound, "version");
        await Http.AssertProblem(await Client.GetAsync("/v1/models/noref/versions/v9/drift/history"), HttpStatusCode.NotFound, "version");
        await Http.AssertProblem(await Client.GetAsync("/v1/models/noref/versions/v9/drift/settings"), HttpStatusCode.NotFound, "version");
    }

    [Fact]
    public async Task Settings_choose_the_verdict_and_bad_settings_name_their_field()
    {
        const string path = "/v1/models/settings/versions/v1";
        await Client.PutJson($"{path}/reference", new { features = new { x = Enumerable.Range(0, 100).Select(i => i / 10.0).ToArray(), c = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? "a" : "b").ToArray() } });
        await Client.PostRecords("settings", "v1", Enumerable.Range(0, 60).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i / 6.0, ["c"] = "a" }));

        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { alpha = 2.0 }), HttpStatusCode.BadRequest, "alpha");
        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { feature_tests = new { c = "ks" } }), HttpStatusCode.BadRequest, "feature_tests.c");
        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { feature_tests = new { nope = "ks" } }), HttpStatusCode.BadRequest, "feature_tests.nope");
        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { numeric_test = "magic" }), HttpStatusCode.BadRequest, "numeric_test");
        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { colour = "blue" }), HttpStatusCode.BadRequest, "colour");
        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { alpha = "high" }), HttpStatusCode.BadRequest, "alpha");

        var put = await Client.PutJson($"{path}/drift/settings", new { alpha = 0.01, correction = "bh", feature_tests = new { x = "ks", c = "js" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var settings = await Client.GetOk($"{path}/drift/settings");
        Assert.Equal(0.01, settings["alpha"]!.GetValue<double>());
        Assert.Equal("benjamini_hochberg", settings["correction"]!.GetValue<string>());
        Assert.Equal("kolmogorov_smirnov", settings["feature_tests"]!["x"]!.GetValue<string>());

        var report = await Client.GetOk($"{path}/drift");
        Assert.Equal("kolmogorov_smirnov", report["features"]![0]!["verdict"]!["test"]!.GetValue<string>());
        Assert.Equal("jensen_shannon", report["features"]![1]!["verdict"]!["test"]!.GetValue<string>());
        Assert.Equal(0.01, report["dataset"]!["alpha"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_history_answers_for_charts_and_checks_its_period()
    {
        const string path = "/v1/models/history/versions/v1";
        await Client.PutJson($"{path}/reference", new { features = new { x = new[] { 1.0, 2.0, 3.0 } } });

        var history = await Client.GetOk($"{path}/drift/history?minutes=30");

        Assert.Equal(60, history["interval_seconds"]!.GetValue<int>());
        Assert.Empty(history["evaluations"]!.AsArray());
        Assert.True(DateTimeOffset.Parse(history["to"]!.GetValue<string>()) - DateTimeOffset.Parse(history["from"]!.GetValue<string>()) == TimeSpan.FromMinutes(30));
        await Http.AssertProblem(await Client.GetAsync($"{path}/drift/history?minutes=0"), HttpStatusCode.BadRequest, "minutes");
    }

    [Fact]
    public async Task Records_refused_for_non_finite_values_are_counted_in_the_versions_data_quality()
    {
        await Client.PostValues("nonfinite", "v1", [1.0]);
        const string bad = "{\"model\": \"nonfinite\", \"version\": \"v1\", \"features\": {\"x\": 1e999}, \"latency_ms\": 1, \"status\": \"success\"}";
        var response = await Client.PostAsync("/v1/predictions", new StringContent($"[{bad}, {bad}]", System.Text.Encoding.UTF8, "application/json"));
        var answer = await Http.Json(response);
        Assert.Equal(2, answer["rejected"]!.GetValue<int>());

        var summary = await Client.GetOk("/v1/models/nonfinite/versions/v1/summary?minutes=5");
        Assert.Equal(2, summary["data_quality"]!["non_finite_refused"]!.GetValue<long>());
        Assert.Contains(@"monitor_data_quality_records_total{model=""nonfinite"",model_version=""v1"",issue=""non_finite_refused""} 2", await Client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task The_model_listing_carries_the_latest_drift_verdict_of_versions_with_a_reference()
    {
        var random = new Random(5);
        await Client.PutJson("/v1/models/listing/versions/shifted/reference", new { features = new { x = Enumerable.Range(0, 200).Select(_ => Normal(random)).ToArray() } });
        await Client.PostValues("listing", "shifted", [.. Enumerable.Range(0, 200).Select(_ => Normal(random) + 2)]);
        await Client.PostValues("listing", "plain", [1.0, 2.0]);

        var versions = (await Client.GetOk("/v1/models"))["models"]!.AsArray().Single(m => m!["model"]!.GetValue<string>() == "listing")!["versions"]!.AsArray();
        var shifted = versions.Single(v => v!["version"]!.GetValue<string>() == "shifted")!["drift"]!;
        var report = await Client.GetOk("/v1/models/listing/versions/shifted/drift");
        Assert.True(shifted["drifted"]!.GetValue<bool>());
        Assert.Equal(report["dataset"]!["features_drifted"]!.GetValue<int>(), shifted["features_drifted"]!.GetValue<int>());
        Assert.Equal(1, shifted["features_tested"]!.GetValue<int>());
        Assert.NotNull(shifted["evaluated_at"]);
        Assert.Null(versions.Single(v => v!["version"]!.GetValue<string>() == "plain")!["drift"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_drift_and_reference_endpoints()
    {
        var document = await Client.GetOk("/openapi/v1.json");
        var paths = document["paths"]!;
        var put = paths["/v1/models/{model}/versions/{version}/reference"]!["put"]!;
        Assert.NotNull(put["requestBody"]!["content"]!["text/csv"]);
        Assert.NotNull(put["requestBody"]!["content"]!["application/json"]);
        Assert.NotNull(paths["/v1/models/{model}/versions/{version}/drift"]!["get"]!["responses"]!["409"]);
        Assert.NotNull(paths["/v1/models/{model}/versions/{version}/drift/history"]);
        Assert.NotNull(paths["/v1/models/{model}/versions/{version}/drift/settings"]!["put"]!["requestBody"]);
        Assert.NotNull(paths["/v1/models/{model}/versions/{version}/reference/capture"]);
        Assert.NotNull(paths["/v1/models/{model}/versions/{version}/reference/copy"]);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
