using System.Net;
using System.Text;

namespace Monitor.Gateway.FunctionalTests;

public sealed class ReferenceApiTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private const string Base = "/v1/models/ref";

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task A_json_reference_with_declared_types_and_outputs_is_described()
    {
        var response = await Client.PutJson($"{Base}/versions/json/reference?categorical=zip", new
        {
            features = new Dictionary<string, object?[]>
            {
                ["amount"] = [12.5, 3.0, null, 7.25],
                ["country"] = ["DE", "FR", "DE", null],
                ["zip"] = [10115, 80331, 10115, 20095],
                ["age"] = ["31", "40", "22", "35"],
            },
            types = new Dictionary<string, string> { ["age"] = "numeric" },
            predictions = new object[] { 0, 1, 1, 0 },
            confidences = new object?[] { 0.9, 0.8, null, 0.7 },
        });
        var described = await Http.Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", described["status"]!.GetValue<string>());
        Assert.Equal(4, described["rows"]!.GetValue<int>());
        Assert.Equal("json", described["source"]!.GetValue<string>());
        var features = described["features"]!.AsArray();
        Assert.Equal(["numeric", "categorical", "categorical", "numeric"], features.Select(f => f!["type"]!.GetValue<string>()));
        Assert.Equal([false, false, true, true], features.Select(f => f!["declared"]!.GetValue<bool>()));
        Assert.Equal(1, features[0]!["missing"]!.GetValue<int>());
        Assert.Equal(12.5, features[0]!["max"]!.GetValue<double>());
        Assert.Equal(["prediction", "confidence"], described["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));

        var again = await Client.GetOk($"{Base}/versions/json/reference");
        Assert.Equal(described.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public async Task A_csv_reference_infers_types_and_takes_named_output_columns()
    {
        const string csv = "amount,country,pred,conf\n12.5,DE,0,0.9\n3,FR,1,0.8\n,DE,1,\nNA,US,0,0.6\n";
        var response = await Client.PutText($"{Base}/versions/csv/reference?prediction_column=pred&confidence_column=conf", csv, "text/csv");
        var described = await Http.Json(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("csv", described["source"]!.GetValue<string>());
        var features = described["features"]!.AsArray();
        Assert.Equal(["amount", "country"], features.Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal(2, features[0]!["missing"]!.GetValue<int>());
        Assert.Equal("categorical", features[1]!["type"]!.GetValue<string>());
        Assert.Equal("categorical", described["outputs"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(1, described["outputs"]![1]!["missing"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{\"features\": {}}", "features")]
    [InlineData("{\"features\": {\"a\": [1, 2, 3], \"b\": [1, 2]}}", "features.b")]
    [InlineData("{\"features\": {\"a\": [1, \"x\", 3]}, \"types\": {\"a\": \"numeric\"}}", "features.a[1]")]
    [InlineData("{\"features\": {\"a\": [1, true]}}", "features.a[1]")]
    [InlineData("{\"features\": {\"a\": [null, null]}}", "features.a")]
    [InlineData("{\"features\": {\"a\": [1, 2]}, \"types\": {\"b\": \"numeric\"}}", "types.b")]
    [InlineData("{\"features\": {\"a\": [1, 2]}, \"types\": {\"a\": \"date\"}}", "types.a")]
    [InlineData("{\"features\": {\"a\": [1, 2]}, \"extra\": 1}", "extra")]
    [InlineData("{\"features\": {\"a\": [1, NaN]}}", "body")]
    [InlineData("[1, 2]", "body")]
    [InlineData("{\"features\": {\"a\": [1, 2]}, \"confidences\": [0.5, 2]}", "confidences[1]")]
    public async Task Bad_json_references_are_refused_naming_the_field(string body, string field)
    {
        var response = await Client.PutText($"{Base}/versions/bad-json/reference", body, "application/json");
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("amount,country\n1,DE\n2,\"FR\n", "body")]
    [InlineData("amount,country\n1,DE\n2,FR,extra\n", "row 3")]
    [InlineData("amount,amount\n1,2\n", "features.amount")]
    [InlineData("amount,\n1,2\n", "header[1]")]
    public async Task Bad_csv_is_refused_naming_the_row_or_column(string body, string field)
    {
        var response = await Client.PutText($"{Base}/versions/bad-csv/reference", body, "text/csv");
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Text_in_a_column_declared_numeric_names_the_csv_row()
    {
        var response = await Client.PutText($"{Base}/versions/bad-csv/reference?numeric=amount", "amount,country\n1,DE\nabc,FR\n", "text/csv");
        var problem = await Http.AssertProblem(response, HttpStatusCode.BadRequest, "features.amount");
        Assert.Contains("row 3 has 'abc'", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Empty_bodies_other_media_types_and_declarations_in_both_lists_are_refused()
    {
        await Http.AssertProblem(await Client.PutText($"{Base}/versions/empty/reference", "", "application/json"), HttpStatusCode.BadRequest, "body");
        await Http.AssertProblem(await Client.PutText($"{Base}/versions/empty/reference", "<x/>", "application/xml"), HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await Http.AssertProblem(
            await Client.PutText($"{Base}/versions/empty/reference?categorical=a&numeric=a", "{\"features\": {\"a\": [1]}}", "application/json"),
            HttpStatusCode.BadRequest, "numeric");
        await Http.AssertProblem(
            await Client.PutText("/v1/models/ref/versions/bad%20name/reference", "{\"features\": {\"a\": [1]}}", "application/json"),
            HttpStatusCode.BadRequest, "version");
    }

    [Fact]
    public async Task Oversize_references_are_refused_with_413()
    {
        var rows = string.Join(",", Enumerable.Range(0, 2001));
        await Http.AssertProblem(
            await Client.PutText($"{Base}/versions/big/reference", $"{{\"features\": {{\"a\": [{rows}]}}}}", "application/json"),
            HttpStatusCode.RequestEntityTooLarge, "features.a");

        var csv = new StringBuilder("a\n");
        for (var i = 0; i < 2001; i++)
        {
            csv.Append(i).Append('\n');
        }

        await Http.AssertProblem(await Client.PutText($"{Base}/versions/big/reference", csv.ToString(), "text/csv"), HttpStatusCode.RequestEntityTooLarge, "body");

        var bytes = "{\"features\": {\"a\": [" + string.Join(",", Enumerable.Repeat("1.000000000000000", 20_000)) + "]}}";
        await Http.AssertProblem(await Client.PutText($"{Base}/versions/big/reference", bytes, "application/json"), HttpStatusCode.RequestEntityTooLarge, "body");

        var wide = "{\"features\": {" + string.Join(",", Enumerable.Range(0, 9).Select(i => $"\"f{i}\": [1]")) + "}}";
        await Http.AssertProblem(await Client.PutText($"{Base}/versions/big/reference", wide, "application/json"), HttpStatusCode.BadRequest, "features");

        await Http.AssertProblem(await Client.PostAsync($"{Base}/versions/big/reference/capture?records=2001", null), HttpStatusCode.RequestEntityTooLarge, "records");
    }

    [Fact]
    public async Task Reading_the_reference_of_an_unknown_version_is_404_but_setting_one_registers_the_version()
    {
        await Http.AssertProblem(await Client.GetAsync($"{Base}/versions/later/reference"), HttpStatusCode.NotFound, "version");

        var response = await Client.PutJson($"{Base}/versions/later/reference", new { features = new { x = new[] { 1.0, 2.0 } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var models = await Client.GetOk("/v1/models");
        Assert.Contains(models["models"]!.AsArray(), m => m!["model"]!.GetValue<string>() == "ref"
            && m["versions"]!.AsArray().Any(v => v!["version"]!.GetValue<string>() == "later"));
    }

    [Fact]
    public async Task A_capture_takes_the_next_records_and_reports_progress()
    {
        const string path = $"{Base}/versions/capture/reference";
        await Http.AssertProblem(await Client.PostAsync($"{path}/capture", null), HttpStatusCode.BadRequest, "records");
        await Http.AssertProblem(await Client.PostAsync($"{path}/capture?records=ten", null), HttpStatusCode.BadRequest, "records");

        var started = await Client.PostAsync($"{path}/capture?records=50&categorical=zip", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("capturing", (await Http.Json(started))["status"]!.GetValue<string>());

        await Client.PostRecords("ref", "capture", Enumerable.Range(0, 30).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i * 1.5, ["zip"] = 10000 + i }));
        var progress = await Client.GetOk(path);
        Assert.Equal(30, progress["capture"]!["captured"]!.GetValue<int>());
        Assert.Equal(50, progress["capture"]!["target"]!.GetValue<int>());

        await Client.PostRecords("ref", "capture", Enumerable.Range(30, 30).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = i * 1.5, ["zip"] = 10000 + i }));
        var done = await Client.GetOk(path);
        Assert.Equal("ready", done["status"]!.GetValue<string>());
        Assert.Equal("capture", done["source"]!.GetValue<string>());
        Assert.Equal(50, done["rows"]!.GetValue<int>());
        Assert.Null(done["capture"]);
        var zip = done["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "zip")!;
        Assert.Equal("categorical", zip["type"]!.GetValue<string>());
        Assert.Equal(73.5, done["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "x")!["max"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_reference_is_copied_from_another_version_and_can_be_removed()
    {
        await Client.PutJson($"{Base}/versions/original/reference", new { features = new { x = Enumerable.Range(0, 40).Select(i => (double)i).ToArray() } });

        await Http.AssertProblem(await Client.PostAsync($"{Base}/versions/copy/reference/copy", null), HttpStatusCode.BadRequest, "from");
        await Http.AssertProblem(await Client.PostAsync($"{Base}/versions/copy/reference/copy?from=missing", null), HttpStatusCode.NotFound, "from");
        await Client.PostValues("ref", "bare", [1.0]);
        await Http.AssertProblem(await Client.PostAsync($"{Base}/versions/copy/reference/copy?from=bare", null), HttpStatusCode.NotFound, "from");

        var copied = await Client.PostAsync($"{Base}/versions/copy/reference/copy?from=original", null);
        var described = await Http.Json(copied);
        Assert.Equal(HttpStatusCode.OK, copied.StatusCode);
        Assert.Equal("copy", described["source"]!.GetValue<string>());
        Assert.Equal("ref/original", described["copied_from"]!.GetValue<string>());
        Assert.Equal(40, described["rows"]!.GetValue<int>());

        var deleted = await Client.DeleteAsync($"{Base}/versions/copy/reference");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("ref/original", (await Http.Json(deleted))["copied_from"]!.GetValue<string>());
        await Http.AssertProblem(await Client.GetAsync($"{Base}/versions/copy/reference"), HttpStatusCode.NotFound, "reference");
        await Http.AssertProblem(await Client.GetAsync($"{Base}/versions/copy/drift"), HttpStatusCode.Conflict, "reference");
        await Http.AssertProblem(await Client.DeleteAsync($"{Base}/versions/copy/reference"), HttpStatusCode.NotFound, "reference");
    }
}
