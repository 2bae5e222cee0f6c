using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// GET .../drift/features/{feature}/distribution over HTTP: shared bins (one per whole number for discrete values),
/// ECDF steps, categories with the window's unseen ones and the rest as "other", the window's missing and mistyped
/// values and time range, names that need encoding, and problem answers for what does not exist or is out of range.
/// </summary>
public sealed class FeatureDistributionApiTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Whole_number_values_get_one_bin_each_counted_in_both_samples()
    {
        const string path = "/v1/models/dist/versions/tied";

        // Reference: 0..9 five times each; window: 5..14, twice each (tied, shifted, wider).
        await Client.PutJson($"{path}/reference", new { features = new { x = Enumerable.Range(0, 50).Select(i => (double)(i % 10)).ToArray() } });
        await Client.PostValues("dist", "tied", [.. Enumerable.Range(0, 20).Select(i => (double)(5 + (i % 10)))]);

        var d = await Client.GetOk($"{path}/drift/features/x/distribution");
        Assert.Equal("numeric", d["kind"]!.GetValue<string>());
        Assert.Equal("x", d["feature"]!.GetValue<string>());
        var histogram = d["histogram"]!;
        Assert.True(histogram["whole_number_bins"]!.GetValue<bool>());
        Assert.Equal([.. Enumerable.Range(0, 16).Select(k => k - 0.5)], Doubles(histogram["edges"]!));
        Assert.Equal([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0], Longs(histogram["reference_counts"]!));
        Assert.Equal([0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], Longs(histogram["current_counts"]!));
        Assert.Equal(50, d["reference"]!["size"]!.GetValue<int>());
        Assert.Equal(50, d["reference"]!["rows"]!.GetValue<int>());
        Assert.Equal(20, d["current"]!["size"]!.GetValue<int>());
        Assert.Equal(20, d["current"]!["records"]!.GetValue<int>());

        // ECDF: one step per distinct value, F(x) the share at or below x.
        var ecdf = d["ecdf"]!;
        Assert.Equal([.. Enumerable.Range(0, 10).Select(v => (double)v)], Doubles(ecdf["reference"]!["x"]!));
        Assert.Equal([.. Enumerable.Range(1, 10).Select(k => k / 10.0)], Doubles(ecdf["reference"]!["p"]!));
        Assert.Equal([.. Enumerable.Range(5, 10).Select(v => (double)v)], Doubles(ecdf["current"]!["x"]!));
        Assert.Equal(0.1, Doubles(ecdf["current"]!["p"]!)[0], 12);
    }

    [Fact]
    public async Task Continuous_values_share_equal_width_bins_over_both_ranges()
    {
        const string path = "/v1/models/dist/versions/continuous";

        // Reference 0.5, 1.5, ..., 99.5; window 50.25, 51.25, ..., 149.25: bins of 149.25 / 10 over [0.5, 149.25].
        await Client.PutJson($"{path}/reference", new { features = new { x = Enumerable.Range(0, 100).Select(i => i + 0.5).ToArray() } });
        await Client.PostValues("dist", "continuous", [.. Enumerable.Range(0, 100).Select(i => i + 50.25)]);

        var d = await Client.GetOk($"{path}/drift/features/x/distribution?bins=10");
        var histogram = d["histogram"]!;
        Assert.False(histogram["whole_number_bins"]!.GetValue<bool>());
        var edges = Doubles(histogram["edges"]!);
        Assert.Equal(11, edges.Length);
        Assert.Equal(0.5, edges[0]);
        Assert.Equal(149.25, edges[^1]);
        Assert.Equal(0.5 + (14.875 * 4), edges[4], 9);
        var reference = Longs(histogram["reference_counts"]!);
        var current = Longs(histogram["current_counts"]!);
        Assert.Equal(100, reference.Sum());
        Assert.Equal(100, current.Sum());

        // Hand-counted: the first bin [0.5, 15.375) holds reference values 0.5 .. 14.5, none of the window's;
        // the last [134.375, 149.25] holds window values 134.25 + 1 .. 149.25, that is 135.25 .. 149.25.
        Assert.Equal(15, reference[0]);
        Assert.Equal(0, current[0]);
        Assert.Equal(0, reference[^1]);
        Assert.Equal(15, current[^1]);
        var p = Doubles(d["ecdf"]!["current"]!["p"]!);
        Assert.Equal(1.0, p[^1]);
        Assert.True(p.Zip(p.Skip(1)).All(pair => pair.First < pair.Second));
    }

    [Fact]
    public async Task Categories_are_listed_by_the_larger_share_with_unseen_ones_and_the_rest_as_other()
    {
        const string path = "/v1/models/dist/versions/cat";
        string?[] countries = [.. Enumerable.Range(0, 100).Select(i => i < 60 ? "DE" : i < 90 ? "FR" : i < 97 ? "IT" : "ES")];
        await Client.PutJson($"{path}/reference", new { features = new Dictionary<string, object?[]> { ["country"] = countries } });

        // Window: 10 DE, 30 US (unseen), 5 IT, and 5 records with the number 7 (a category by its text form "7").
        object?[] window = [.. Enumerable.Repeat<object?>("DE", 10), .. Enumerable.Repeat<object?>("US", 30), .. Enumerable.Repeat<object?>("IT", 5), .. Enumerable.Repeat<object?>(7, 5)];
        await Client.PostRecords("dist", "cat", window.Select(v => (IDictionary<string, object?>)new Dictionary<string, object?> { ["country"] = v }));

        var d = await Client.GetOk($"{path}/drift/features/country/distribution?top=3");
        Assert.Equal("categorical", d["kind"]!.GetValue<string>());
        Assert.Null(d["histogram"]);
        var categories = d["categories"]!.AsArray();
        Assert.Equal(["DE", "US", "FR"], categories.Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal([60L, 0L, 30L], categories.Select(c => c!["reference"]!.GetValue<long>()));
        Assert.Equal([10L, 30L, 0L], categories.Select(c => c!["current"]!.GetValue<long>()));
        Assert.Equal([true, false, true], categories.Select(c => c!["in_reference"]!.GetValue<bool>()));

        // The rest: IT (7 / 5), "7" (0 / 5) and ES (3 / 0).
        var other = d["other"]!;
        Assert.Equal(3, other["categories"]!.GetValue<int>());
        Assert.Equal(10, other["reference"]!.GetValue<long>());
        Assert.Equal(10, other["current"]!.GetValue<long>());
        Assert.Equal(50, d["current"]!["size"]!.GetValue<int>());

        var all = await Client.GetOk($"{path}/drift/features/country/distribution");
        Assert.Null(all["other"]);
        Assert.Equal(6, all["categories"]!.AsArray().Count);
    }

    [Fact]
    public async Task Missing_and_mistyped_values_and_the_time_range_of_the_window_are_reported()
    {
        const string path = "/v1/models/dist/versions/quality";
        await Client.PutJson($"{path}/reference", new { features = new { x = new double?[] { 1, 2, 3, null, 5 } } });
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds());
        object?[] values = [1.0, null, "high", 4.0, 9.0];
        var records = values.Select((v, i) => new Dictionary<string, object?>
        {
            ["model"] = "dist",
            ["version"] = "quality",
            ["timestamp"] = start.AddSeconds(i * 7 % 5 * 10).ToString("O"),
            ["features"] = i == 1 ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["x"] = v },
            ["prediction"] = 0,
            ["latency_ms"] = 4.0,
            ["status"] = "success",
        });
        var response = await Client.PostAsync("/v1/predictions", new StringContent(JsonSerializer.Serialize(records), Encoding.UTF8, "application/json"));
        var answer = await Http.Json(response);
        Assert.True(answer["accepted"]!.GetValue<int>() == 5, answer.ToJsonString());

        var d = await Client.GetOk($"{path}/drift/features/x/distribution");
        var current = d["current"]!;
        Assert.Equal(5, current["records"]!.GetValue<int>());
        Assert.Equal(3, current["size"]!.GetValue<int>());
        Assert.Equal(1, current["missing"]!.GetValue<int>());
        Assert.Equal(1, current["wrong_type"]!.GetValue<int>());
        Assert.Equal(start, current["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(start.AddSeconds(40), current["to"]!.GetValue<DateTimeOffset>());
        Assert.Equal(4, d["reference"]!["size"]!.GetValue<int>());
        Assert.Equal(1, d["reference"]!["missing"]!.GetValue<int>());
        Assert.Equal(3, Longs(d["histogram"]!["current_counts"]!).Sum());
    }

    [Fact]
    public async Task A_version_without_records_in_its_window_has_the_reference_alone()
    {
        const string path = "/v1/models/dist/versions/empty";
        await Client.PutJson($"{path}/reference", new { features = new { x = new[] { 0.5, 2.5, 2.5 } } });

        var d = await Client.GetOk($"{path}/drift/features/x/distribution?bins=2");
        Assert.Equal(0, d["current"]!["records"]!.GetValue<int>());
        Assert.Null(d["current"]!["from"]);
        Assert.Equal([0.5, 1.5, 2.5], Doubles(d["histogram"]!["edges"]!));
        Assert.Equal([1L, 2L], Longs(d["histogram"]!["reference_counts"]!));
        Assert.Equal([0L, 0L], Longs(d["histogram"]!["current_counts"]!));
        Assert.Empty(d["ecdf"]!["current"]!["x"]!.AsArray());
    }

    [Theory]
    [InlineData("same", new[] { 2.5, 2.5, 2.5 }, new[] { 2.0, 3.0 })]
    [InlineData("samewhole", new[] { 7.0, 7.0 }, new[] { 6.5, 7.5 })]
    [InlineData("extremes", new[] { -1e308, 0.0, 1e308 }, new[] { -1e308, 0.0, 1e308 })]
    public async Task A_single_value_or_a_range_spanning_most_doubles_gets_finite_increasing_edges(string version, double[] values, double[] expected)
    {
        await Client.PutJson($"/v1/models/dist/versions/{version}/reference", new { features = new { x = values } });

        var d = await Client.GetOk($"/v1/models/dist/versions/{version}/drift/features/x/distribution?bins=2");
        var edges = Doubles(d["histogram"]!["edges"]!);
        Assert.Equal(expected, edges);
        Assert.Equal(values.Length, Longs(d["histogram"]!["reference_counts"]!).Sum());
    }

    [Theory]
    [InlineData("slash", "amount (€)/day", "amount%20(%E2%82%AC)%2Fday")]
    [InlineData("percent", "a%2Fb", "a%252Fb")]
    [InlineData("accent", "naïve", "na%C3%AFve")]
    public async Task Names_that_need_encoding_are_found(string version, string name, string encoded)
    {
        await Client.PutJson($"/v1/models/dist/versions/{version}/reference", new { features = new Dictionary<string, double[]> { [name] = [1, 2, 3] } });

        var d = await Client.GetOk($"/v1/models/dist/versions/{version}/drift/features/{encoded}/distribution");
        Assert.Equal(name, d["feature"]!.GetValue<string>());
    }

    [Fact]
    public async Task What_does_not_exist_is_404_what_is_out_of_range_400_and_no_reference_409()
    {
        const string path = "/v1/models/dist/versions/problems";
        await Client.PutJson($"{path}/reference", new { features = new { x = new[] { 1.0, 2.0 }, y = new[] { 3.0, 4.0 } } });

        var feature = await Http.AssertProblem(await Client.GetAsync($"{path}/drift/features/nope/distribution"), HttpStatusCode.NotFound, "feature");
        Assert.Contains("its features are x, y", feature["detail"]!.GetValue<string>());
        await Http.AssertProblem(await Client.GetAsync("/v1/models/dist/versions/never/drift/features/x/distribution"), HttpStatusCode.NotFound, "version");
        await Http.AssertProblem(await Client.GetAsync($"{path}/drift/features/x/distribution?bins=1"), HttpStatusCode.BadRequest, "bins");
        await Http.AssertProblem(await Client.GetAsync($"{path}/drift/features/x/distribution?bins=abc"), HttpStatusCode.BadRequest, "bins");
        await Http.AssertProblem(await Client.GetAsync($"{path}/drift/features/x/distribution?top=0"), HttpStatusCode.BadRequest, "top");

        await Client.PostValues("dist", "bare", [1, 2]);
        await Http.AssertProblem(await Client.GetAsync("/v1/models/dist/versions/bare/drift/features/x/distribution"), HttpStatusCode.Conflict, "reference");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_distribution_and_its_parameters()
    {
        var document = await Client.GetOk("/openapi/v1.json");
        var operation = document["paths"]!["/v1/models/{model}/versions/{version}/drift/features/{feature}/distribution"]!["get"]!;
        var parameters = operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("bins", parameters);
        Assert.Contains("top", parameters);
        Assert.Contains("feature", parameters);
        var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
        Assert.Equal(["200", "400", "404", "409"], responses.Where(r => r is "200" or "400" or "404" or "409").Order());
        Assert.NotNull(document["components"]!["schemas"]!["FeatureDistribution"]);
    }

    private static double[] Doubles(JsonNode node) => [.. node.AsArray().Select(v => v!.GetValue<double>())];

    private static long[] Longs(JsonNode node) => [.. node.AsArray().Select(v => v!.GetValue<long>())];
}
