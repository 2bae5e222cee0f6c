using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// CBPE on an over-confident real classifier through the HTTP API: the raw estimate is far off and the labels
/// say so; a reference with labels calibrates the confidences, and the calibrated estimate's band holds the
/// realized figures.
/// </summary>
public sealed class CalibratedEstimateTests : IClassFixture<CalibratedEstimateTests.Node>
{
    private const string Model = "digits";
    private readonly HttpClient _http;

    public CalibratedEstimateTests(Node node) => _http = node.Client;

    public sealed class Node : IDisposable
    {
        private readonly MonitorFactory _factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Outcomes:RefreshInterval"] = "00:00:00.2",
        });

        public Node()
        {
            Client = _factory.CreateClient();
            Client.Timeout = TimeSpan.FromMinutes(2);
        }

        public HttpClient Client { get; }

        public void Dispose()
        {
            Client.Dispose();
            _factory.Dispose();
            Directory.Delete(_factory.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Raw_confidences_overestimate_and_the_labels_contradict_them()
    {
        await SendProduction("raw");

        var estimated = (await _http.GetOk($"/v1/models/{Model}/versions/raw/summary?minutes=60"))["outcomes"]!["estimated"]!;
        var production = DigitsData.Production;
        var realized = production.Count(r => r.Prediction == r.Label) / (double)production.Count;

        Assert.True(estimated["uncalibrated"]!.GetValue<bool>());
        Assert.Equal(production.Average(r => r.Confidence), estimated["accuracy"]!.GetValue<double>(), 9);
        Assert.True(estimated["accuracy"]!.GetValue<double>() - realized > 0.15, "the raw estimate is far above the realized accuracy");
        Assert.True(estimated["estimate_contradicted"]!.GetValue<bool>());
        Assert.Equal("binomial", estimated["band_method"]!.GetValue<string>());
        var accuracy = Metric(estimated, "accuracy");
        Assert.Equal(realized, accuracy["realized"]!.GetValue<double>(), 12);
        Assert.True(accuracy["contradicted"]!.GetValue<bool>());
        Assert.True(realized < accuracy["lower"]!.GetValue<double>());
        Assert.Contains("uncalibrated", estimated["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_labelled_reference_calibrates_the_estimate_into_the_band_of_the_realized_figures()
    {
        var put = await _http.PutText(
            $"/v1/models/{Model}/versions/calibrated/reference?prediction_column=prediction&confidence_column=confidence&label_column=label",
            DigitsData.ReferenceCsv, "text/csv");
        var described = await Http.Json(put);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["pixel_20", "pixel_43"], described["features"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal("label", described["labels"]!["name"]!.GetValue<string>());
        Assert.Equal(10, described["labels"]!["categories"]!.GetValue<int>());
        var reference = DigitsData.Reference;
        Assert.Equal(reference.Count, described["calibration"]!["rows"]!.GetValue<int>());
        Assert.Equal(reference.Count(r => r.Prediction == r.Label) / (double)reference.Count, described["calibration"]!["accuracy"]!.GetValue<double>(), 12);

        // Before any label the calibrated estimate shows; its band is for the period's predictions and nothing is judged.
        await SendPredictions("calibrated");
        var early = (await _http.GetOk($"/v1/models/{Model}/versions/calibrated/summary?minutes=60"))["outcomes"]!["estimated"]!;
        Assert.False(early["uncalibrated"]!.GetValue<bool>());
        Assert.Equal(DigitsData.Production.Count, early["band_size"]!.GetValue<long>());
        Assert.Null(early["estimate_contradicted"]);
        Assert.Null(Metric(early, "accuracy")["realized"]);
        Assert.InRange(early["accuracy"]!.GetValue<double>(), 0.75, 0.9);

        await SendLabels("calibrated");
        var estimated = (await _http.GetOk($"/v1/models/{Model}/versions/calibrated/summary?minutes=60"))["outcomes"]!["estimated"]!;
        var production = DigitsData.Production;
        Assert.False(estimated["uncalibrated"]!.GetValue<bool>());
        Assert.Equal(reference.Count, estimated["calibration_rows"]!.GetValue<int>());
        Assert.Equal("reference_chunks", estimated["band_method"]!.GetValue<string>());
        Assert.Equal(production.Count, estimated["band_size"]!.GetValue<long>());
        Assert.False(estimated["estimate_contradicted"]!.GetValue<bool>());
        foreach (var name in new[] { "accuracy", "precision_macro", "recall_macro", "f1_macro" })
        {
            var m = Metric(estimated, name);
            var (lower, upper, realized) = (m["lower"]!.GetValue<double>(), m["upper"]!.GetValue<double>(), m["realized"]!.GetValue<double>());
            Assert.InRange(realized, lower, upper);
            Assert.False(m["contradicted"]!.GetValue<bool>());

            // A band that holds everything would say nothing: the accuracy band is a few points wide.
            Assert.True(upper - lower < 0.2, $"{name} band {lower}..{upper}");
        }

        var accuracy = Metric(estimated, "accuracy");
        Assert.InRange(accuracy["estimate"]!.GetValue<double>(), 0.75, 0.9);
        Assert.Equal(estimated["accuracy"]!.GetValue<double>(), accuracy["estimate"]!.GetValue<double>());
        Assert.Equal(estimated["f1_macro"]!.GetValue<double>(), Metric(estimated, "f1_macro")["estimate"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_comparison_says_which_estimate_is_uncalibrated_and_which_the_labels_contradict()
    {
        await SendProduction("cmp-raw");
        Assert.Equal(HttpStatusCode.OK, (await _http.PutText(
            $"/v1/models/{Model}/versions/cmp-cal/reference?prediction_column=prediction&confidence_column=confidence&label_column=label",
            DigitsData.ReferenceCsv, "text/csv")).StatusCode);
        await SendProduction("cmp-cal");

        var answer = await _http.GetOk($"/v1/models/{Model}/compare?a=cmp-raw&b=cmp-cal&minutes=60");
        var comparison = answer["comparisons"]![0]!;
        var a = comparison["estimates"]!["a"]!;
        var b = comparison["estimates"]!["b"]!;
        Assert.True(a["uncalibrated"]!.GetValue<bool>());
        Assert.True(a["estimate_contradicted"]!.GetValue<bool>());
        Assert.False(b["uncalibrated"]!.GetValue<bool>());
        Assert.False(b["estimate_contradicted"]!.GetValue<bool>());

        // Same model, same traffic: the calibrated estimate is lower because it is honest, and the row says why.
        var row = comparison["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == "estimated_accuracy")!;
        Assert.True(row["b"]!.GetValue<double>() < row["a"]!.GetValue<double>() - 0.1);
        Assert.Contains("uncalibrated (A", row["note"]!.GetValue<string>());
        Assert.Contains("A's estimate is contradicted by its labels", row["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_expose_whether_the_labels_contradict_the_estimate()
    {
        await SendProduction("gauge");

        var text = string.Empty;
        const string series = "monitor_estimate_contradicted{model=\"digits\",model_version=\"gauge\"} 1";
        for (var attempt = 0; attempt < 100 && !text.Contains(series, StringComparison.Ordinal); attempt++)
        {
            // The outcome gauges follow the version's refresh timer (0.2 s here).
            await Task.Delay(100);
            text = await _http.GetStringAsync("/metrics");
        }

        Assert.Contains(series, text);
    }

    [Theory]
    [InlineData("""{"features": {"x": [1, 2]}, "predictions": [1, 0], "confidences": [0.9, 0.8], "labels": [1]}""", "labels")]
    [InlineData("""{"features": {"x": [1, 2]}, "labels": [1, 0]}""", "labels")]
    [InlineData("""{"features": {"x": [1, 2]}, "predictions": [1, 0], "labels": [1, 0]}""", "labels")]
    [InlineData("""{"features": {"x": [1, 2]}, "predictions": [1, 0], "confidences": [0.9, 0.8], "labels": [1, true]}""", "labels[1]")]
    [InlineData("""{"features": {"x": [1, 2]}, "predictions": [1, 0], "confidences": [0.9, 0.8], "labels": [null, null]}""", "labels")]
    [InlineData("""{"features": {"x": [1, 2]}, "predictions": [1, 0], "confidences": [0.9, 0.8], "labels": {"a": 1}}""", "labels")]
    [InlineData("""{"features": {"x": [1, 2]}, "predictions": [1.5, 0.25], "confidences": [0.9, 0.8], "labels": [1, 0]}""", "labels")]
    [InlineData("""{"features": {"x": [1, 2]}, "predictions": [1, null], "confidences": [null, 0.8], "labels": [1, 0]}""", "labels")]
    public async Task Bad_labels_are_refused_naming_the_field(string body, string field)
    {
        var response = await _http.PutText($"/v1/models/{Model}/versions/bad-labels/reference", body, "application/json");
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("prediction_column=p&confidence_column=c&label_column=truth", "label_column")]
    [InlineData("prediction_column=p&confidence_column=c&label_column=p", "label_column")]
    [InlineData("prediction_column=p&label_column=y", "labels")]
    public async Task Bad_csv_label_columns_are_refused_naming_the_parameter(string query, string field)
    {
        const string csv = "x,p,c,y\n1,a,0.9,a\n2,b,0.8,a\n";
        var response = await _http.PutText($"/v1/models/{Model}/versions/bad-csv-labels/reference?{query}", csv, "text/csv");
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_json_reference_with_labels_is_described_and_copied_with_them()
    {
        var response = await _http.PutJson($"/v1/models/{Model}/versions/json-labels/reference", new
        {
            features = new { x = new[] { 1.0, 2.0, 3.0, 4.0 } },
            predictions = new object[] { "cat", "dog", "cat", "dog" },
            confidences = new object?[] { 0.9, 0.8, null, 0.7 },
            labels = new object?[] { "cat", "cat", "cat", null },
        });
        var described = await Http.Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, described["labels"]!["missing"]!.GetValue<int>());

        // Rows without a confidence or a label do not calibrate: two rows remain, one right.
        Assert.Equal(2, described["calibration"]!["rows"]!.GetValue<int>());
        Assert.Equal(0.5, described["calibration"]!["accuracy"]!.GetValue<double>());
        Assert.Equal("isotonic", described["calibration"]!["method"]!.GetValue<string>());

        // Labels travel with the outputs they score: a copy with its outputs keeps the calibration, one without leaves both out.
        var copy = await _http.PostAsync($"/v1/models/{Model}/versions/json-labels-copy/reference/copy?from=json-labels&outputs=true", null);
        var copied = await Http.Json(copy);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal(2, copied["calibration"]!["rows"]!.GetValue<int>());

        var bare = await _http.PostAsync($"/v1/models/{Model}/versions/json-labels-bare/reference/copy?from=json-labels", null);
        var leftOut = await Http.Json(bare);
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Null(leftOut["calibration"]);
        Assert.Null(leftOut["labels"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_reference_labels_and_the_estimate()
    {
        var document = (await _http.GetStringAsync("/openapi/v1.json"));

        Assert.Contains("label_column", document);
        Assert.Contains("estimate_contradicted", document);
        Assert.Contains("uncalibrated", document);
    }

    private static JsonNode Metric(JsonNode estimated, string name) =>
        estimated["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == name)!;

    private async Task SendProduction(string version)
    {
        await SendPredictions(version);
        await SendLabels(version);
    }

    private async Task SendPredictions(string version)
    {
        var records = DigitsData.Production.Select((r, i) => string.Create(CultureInfo.InvariantCulture,
            $$"""{"model": "{{Model}}", "version": "{{version}}", "id": "{{version}}-{{i}}", "features": {"pixel_20": {{r.Pixel20}}, "pixel_43": {{r.Pixel43}}}, "prediction": {{r.Prediction}}, "confidence": {{r.Confidence:R}}, "latency_ms": 5, "status": "success"}"""));
        await Post("/v1/predictions", records, DigitsData.Production.Count);
    }

    private async Task SendLabels(string version)
    {
        var labels = DigitsData.Production.Select((r, i) => $$"""{"model": "{{Model}}", "version": "{{version}}", "id": "{{version}}-{{i}}", "label": {{r.Label}}}""");
        await Post("/v1/labels", labels, DigitsData.Production.Count);
    }

    private async Task Post(string path, IEnumerable<string> records, int count)
    {
        using var content = new StringContent("[" + string.Join(",", records) + "]", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content);
        var answer = await Http.Json(response);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(count, answer["accepted"]!.GetValue<int>());
    }
}
