using System.Net;
using Monitor.Testing.Segments;

namespace Monitor.Gateway.FunctionalTests.Segments;

public sealed class SegmentRestartTests
{
    [Fact]
    public async Task Segment_settings_and_figures_survive_a_restart_of_the_single_node()
    {
        const string version = "/v1/models/seg-durable/versions/v1";
        var random = new Random(3);
        string dataDirectory;
        string before;
        using (var first = MonitorFactory.With())
        {
            dataDirectory = first.DataDirectory;
            using var client = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.PutJson($"{version}/segments", new { keys = new[] { "country" }, top_k = 3 })).StatusCode);
            await SegmentTraffic.Post(client, "seg-durable", "v1", "DE", 120, random, latencyMs: 7);
            await SegmentTraffic.Post(client, "seg-durable", "v1", "FR", 80, random, latencyMs: 9, failEvery: 4);
            before = (await client.GetOk($"{version}/summary?segment=country:FR")).ToJsonString();
        }

        try
        {
            using var second = MonitorFactory.With(dataDirectory);
            using var client = second.CreateClient();
            var settings = (await client.GetOk($"{version}/segments"))["settings"]!;
            Assert.Equal(3, settings["top_k"]!.GetValue<int>());
            Assert.Equal(120, (await client.GetOk($"{version}/summary?segment=country:DE"))["total_requests"]!.GetValue<long>());

            var after = await client.GetOk($"{version}/summary?segment=country:FR");
            var was = System.Text.Json.Nodes.JsonNode.Parse(before)!;
            foreach (var field in new[] { "total_requests", "error_count", "p95_latency_ms", "success_rate", "traffic_share" })
            {
                Assert.Equal(was[field]!.ToJsonString(), after[field]!.ToJsonString());
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
