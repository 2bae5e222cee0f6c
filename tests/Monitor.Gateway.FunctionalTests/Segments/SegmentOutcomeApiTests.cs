using System.Net;
using System.Text;
using Monitor.Testing.Segments;

namespace Monitor.Gateway.FunctionalTests.Segments;

/// <summary>
/// Segments over HTTP once labels join: each segment's realized and estimated performance, the A/B comparison
/// restricted to a segment, and the strict reading of the segment settings.
/// </summary>
public sealed class SegmentOutcomeApiTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Labels_give_each_segment_its_accuracy_in_the_summary_and_the_listing()
    {
        const string version = "/v1/models/seg-perf/versions/v1";
        var random = new Random(3);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{version}/segments", new { keys = new[] { "country" }, top_k = 2 })).StatusCode);
        await SegmentTraffic.Post(Client, "seg-perf", "v1", "DE", 20, random, idPrefix: "de-", confidence: 0.9);
        await SegmentTraffic.Post(Client, "seg-perf", "v1", "FR", 20, random, idPrefix: "fr-", confidence: 0.7);

        // DE's predictions (all 1) are all right; FR's right one time in four.
        await PostLabels("seg-perf", Enumerable.Range(0, 20).SelectMany(i => new[] { ($"de-{i}", 1), ($"fr-{i}", i % 4 == 0 ? 1 : 0) }));
        var de = await Client.GetOk($"{version}/summary?segment=country:DE");
        Assert.Equal(20, de["performance"]!["labels"]!.GetValue<long>());
        Assert.Equal(1.0, de["performance"]!["classification"]!["accuracy"]!.GetValue<double>());
        Assert.Equal(0.9, de["performance"]!["estimated"]!["accuracy"]!.GetValue<double>(), 9);
        Assert.Equal("cbpe", de["performance"]!["estimated"]!["method"]!.GetValue<string>());

        var listing = (await Client.GetOk($"{version}/segments"))["segments"]!.AsArray().ToDictionary(s => s!["segment"]!.GetValue<string>());
        Assert.Equal(0.25, listing["country:FR"]!["accuracy"]!.GetValue<double>());
        Assert.Equal(0.7, listing["country:FR"]!["estimated_accuracy"]!.GetValue<double>(), 9);
        Assert.Equal(20, listing["country:FR"]!["labels"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_comparison_is_restricted_to_a_segment_both_versions_track()
    {
        var random = new Random(4);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson("/v1/models/seg-ab/versions/v1/segments", new { keys = new[] { "country" } })).StatusCode);
        foreach (var v in new[] { "v1", "v2" })
        {
            await SegmentTraffic.Post(Client, "seg-ab", v, "DE", 40, random, latencyMs: v == "v1" ? 5 : 50);
            await SegmentTraffic.Post(Client, "seg-ab", v, "FR", 10, random, latencyMs: 5);
        }

        var undeclared = await Http.AssertProblem(await Client.GetAsync("/v1/models/seg-ab/compare?a=v1&b=v2&segment=country:DE"), HttpStatusCode.NotFound, "segment");
        Assert.Contains("version 'v2'", undeclared["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Http.AssertProblem(await Client.GetAsync("/v1/models/seg-ab/compare?a=v1&b=v2&segment=countryDE"), HttpStatusCode.BadRequest, "segment");

        // v2 declares the key after its first records came: only its records from then on are the segment's.
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson("/v1/models/seg-ab/versions/v2/segments", new { keys = new[] { "country" } })).StatusCode);
        foreach (var v in new[] { "v1", "v2" })
        {
            await SegmentTraffic.Post(Client, "seg-ab", v, "DE", 40, random, latencyMs: v == "v1" ? 5 : 50);
            await SegmentTraffic.Post(Client, "seg-ab", v, "FR", 10, random, latencyMs: 5);
        }

        var comparison = await Client.GetOk("/v1/models/seg-ab/compare?a=v1&b=v2&segment=country:DE");
        Assert.Equal("country:DE", comparison["segment"]!.GetValue<string>());
        var pair = comparison["comparisons"]![0]!;
        Assert.Equal(80, pair["traffic"]!["predictions_a"]!.GetValue<long>());
        Assert.Equal(40, pair["traffic"]!["predictions_b"]!.GetValue<long>());
        await Http.AssertProblem(await Client.GetAsync("/v1/models/seg-ab/compare?a=v1&b=v2&segment=planet:earth"), HttpStatusCode.NotFound, "segment");
    }

    [Fact]
    public async Task Segment_settings_are_read_strictly_naming_the_field()
    {
        const string path = "/v1/models/seg-strict/versions/v1/segments";
        var unknown = await Http.AssertProblem(await PutRaw(path, """{"keys": ["country"], "topk": 5}"""), HttpStatusCode.BadRequest, "topk");
        Assert.Contains("known: keys, top_k", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Http.AssertProblem(await PutRaw(path, """{"keys": ["country"], "keys": ["device"]}"""), HttpStatusCode.BadRequest, "keys");
        await Http.AssertProblem(await PutRaw(path, """{"keys": ["country", null]}"""), HttpStatusCode.BadRequest, "keys[1]");
        await Http.AssertProblem(await PutRaw(path, """{"keys": ["country"], "top_k": "five"}"""), HttpStatusCode.BadRequest, "top_k");
        await Http.AssertProblem(await PutRaw(path, """{"keys": null}"""), HttpStatusCode.BadRequest, "keys");
        await Http.AssertProblem(await PutRaw(path, "[]"), HttpStatusCode.BadRequest, "body");
        Assert.Equal(HttpStatusCode.OK, (await PutRaw(path, """{"keys": []}""")).StatusCode);
    }

    private Task<HttpResponseMessage> PutRaw(string path, string json) =>
        Client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task PostLabels(string model, IEnumerable<(string Id, int Label)> labels)
    {
        var body = "[" + string.Join(",", labels.Select(l => $$"""{"model": "{{model}}", "version": "v1", "id": "{{l.Id}}", "label": {{l.Label}}}""")) + "]";
        using var response = await Client.PostAsync("/v1/labels", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
