using System.Net;
using Monitor.Testing.Segments;

namespace Monitor.Gateway.FunctionalTests.Segments;

/// <summary>Segments over HTTP: settings and their validation, each segment's summary, time series, drift and health.</summary>
public sealed class SegmentApiTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Settings_are_stored_and_bad_ones_refused_naming_the_field()
    {
        const string path = "/v1/models/seg-settings/versions/v1/segments";
        var put = await Client.PutJson(path, new { keys = new[] { "country", "device" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = await Client.GetOk(path);
        Assert.Equal(["country", "device"], stored["settings"]!["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(20, stored["settings"]!["top_k"]!.GetValue<int>());
        // Before any record each key has only its "other".
        Assert.Equal(["country:other", "device:other"], stored["segments"]!.AsArray().Select(s => s!["segment"]!.GetValue<string>()).Order());
        Assert.All(stored["segments"]!.AsArray(), s => Assert.Equal(0, s!["total_requests"]!.GetValue<long>()));

        await Http.AssertProblem(await Client.PutJson(path, new { keys = new[] { "a:b" } }), HttpStatusCode.BadRequest, "keys[0]");
        await Http.AssertProblem(await Client.PutJson(path, new { keys = new[] { "country", "country" } }), HttpStatusCode.BadRequest, "keys[1]");
        await Http.AssertProblem(await Client.PutJson(path, new { keys = new[] { "country" }, top_k = 0 }), HttpStatusCode.BadRequest, "top_k");
        await Http.AssertProblem(await Client.PutJson(path, new { keys = new[] { "a", "b", "c", "d", "e" } }), HttpStatusCode.BadRequest, "keys");
        await Http.AssertProblem(await Client.PutJson(path, new { keys = "country" }), HttpStatusCode.BadRequest, "keys");
        await Http.AssertProblem(await Client.PutJson(path, new { top_k = 5 }), HttpStatusCode.BadRequest, "keys");

        // What was refused changed nothing.
        Assert.Equal(2, (await Client.GetOk(path))["settings"]!["keys"]!.AsArray().Count);
    }

    [Fact]
    public async Task Each_segment_has_its_own_figures_drift_and_health_most_severe_first()
    {
        const string version = "/v1/models/seg-figures/versions/v1";
        var random = new Random(5);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{version}/reference", SegmentTraffic.Reference(random, 1200, "DE", "FR", "US"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{version}/segments", new { keys = new[] { "country" }, top_k = 2 })).StatusCode);

        await SegmentTraffic.Post(Client, "seg-figures", "v1", "DE", 300, random, latencyMs: 5);
        await SegmentTraffic.Post(Client, "seg-figures", "v1", "FR", 200, random, shift: 2.5, latencyMs: 40, failEvery: 10);
        await SegmentTraffic.Post(Client, "seg-figures", "v1", "US", 20, random);

        var de = await Client.GetOk($"{version}/summary?segment=country:DE");
        Assert.Equal("country:DE", de["segment"]!.GetValue<string>());
        Assert.Equal(300, de["total_requests"]!.GetValue<long>());
        Assert.Equal(100.0, de["success_rate"]!.GetValue<double>());
        Assert.Equal(5.0, de["p95_latency_ms"]!.GetValue<double>(), 1);
        var fr = await Client.GetOk($"{version}/summary?segment=country:FR");
        Assert.Equal(200, fr["total_requests"]!.GetValue<long>());
        Assert.Equal(90.0, fr["success_rate"]!.GetValue<double>(), 6);
        Assert.Equal(40.0, fr["p95_latency_ms"]!.GetValue<double>(), 0);

        // US is outside the top 2: it is "other".
        Assert.Equal(20, (await Client.GetOk($"{version}/summary?segment=country:other"))["total_requests"]!.GetValue<long>());
        await Http.AssertProblem(await Client.GetAsync($"{version}/summary?segment=country:US"), HttpStatusCode.NotFound, "segment");
        await Http.AssertProblem(await Client.GetAsync($"{version}/summary?segment=planet:earth"), HttpStatusCode.NotFound, "segment");
        await Http.AssertProblem(await Client.GetAsync($"{version}/summary?segment=countryDE"), HttpStatusCode.BadRequest, "segment");
        await Http.AssertProblem(await Client.GetAsync($"{version}/drift?segment=:DE"), HttpStatusCode.BadRequest, "segment");

        var series = await Client.GetOk($"{version}/timeseries?segment=country:DE&minutes=60&step=300");
        Assert.Equal(300, series["points"]!.AsArray().Sum(p => p!["requests"]!.GetValue<long>()));

        var frDrift = await Client.GetOk($"{version}/drift?segment=country:FR");
        Assert.True(frDrift["dataset"]!["drifted"]!.GetValue<bool>());
        Assert.Equal("restricted", frDrift["segment_reference"]!.GetValue<string>());
        Assert.Equal(200, frDrift["window_records"]!.GetValue<int>());
        Assert.Equal(400, frDrift["reference_rows"]!.GetValue<int>());
        var deDrift = await Client.GetOk($"{version}/drift?segment=country:DE");
        Assert.False(deDrift["dataset"]!["drifted"]!.GetValue<bool>());

        // The version as a whole: DE's records outnumber FR's, yet the segment listing puts FR first.
        var listing = (await Client.GetOk($"{version}/segments"))["segments"]!.AsArray();
        // "other" has 20 records, fewer than the minimum sample of 30: no verdict yet.
        Assert.Equal(["country:FR", "country:other", "country:DE"], listing.Select(s => s!["segment"]!.GetValue<string>()));
        Assert.Equal([3, 1, 0], listing.Select(s => s!["severity"]!.GetValue<int>()));
        Assert.Equal(["drifted", "insufficient_data", "ok"], listing.Select(s => s!["status"]!.GetValue<string>()));
        Assert.Equal("restricted", listing[0]!["reference_source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_segment_the_reference_lacks_is_judged_against_its_own_first_records()
    {
        const string version = "/v1/models/seg-captured/versions/v1";
        var random = new Random(9);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{version}/reference", SegmentTraffic.Reference(random, 400, "DE"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{version}/segments", new { keys = new[] { "device" } })).StatusCode);

        await SegmentTraffic.Post(Client, "seg-captured", "v1", "DE", 100, random, device: "ios");
        await Http.AssertProblem(await Client.GetAsync($"{version}/drift?segment=device:ios"), HttpStatusCode.Conflict, "segment");

        await SegmentTraffic.Post(Client, "seg-captured", "v1", "DE", 150, random, device: "ios");
        var report = await Client.GetOk($"{version}/drift?segment=device:ios");
        Assert.Equal("captured", report["segment_reference"]!.GetValue<string>());
        Assert.Equal(200, report["reference_rows"]!.GetValue<int>());
        Assert.Equal(250, report["window_records"]!.GetValue<int>());
    }
}
