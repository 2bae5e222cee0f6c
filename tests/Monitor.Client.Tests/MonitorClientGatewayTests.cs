using Monitor.Client;

namespace Monitor.Client.Tests;

/// <summary>The C# client against the real gateway (co-hosted silo, in memory).</summary>
public sealed class MonitorClientGatewayTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Records_reach_monitor_in_batches_and_refused_ones_are_reported()
    {
        var refused = new List<(PredictionRecord Record, string Error)>();
        var http = gateway.Factory.CreateClient();
        var client = new MonitorClient(new MonitorClientOptions { MaxBatchSize = 200, OnRejected = (r, e) => refused.Add((r, e)) }, http);
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var version = i % 4 == 0 ? "v2" : "v1";
            var features = new Dictionary<string, object?> { ["amount"] = random.NextDouble() * 100, ["country"] = i % 3 == 0 ? "DE" : "FR", ["vip"] = i % 5 == 0, ["age"] = null };
            client.Enqueue(i % 50 == 7
                ? PredictionRecord.Failure("client-csharp", version, latencyMs: 30, error: "Timeout", features: features, id: $"c{i}")
                : PredictionRecord.Success("client-csharp", version, latencyMs: 5 + (i % 20), prediction: i % 2 == 0 ? "approve" : "deny", confidence: 0.6 + (i % 4 / 10.0), features: features, id: $"c{i}"));
        }

        client.Enqueue(PredictionRecord.Success("client-csharp", "v1", latencyMs: -1, prediction: 1, id: "bad-latency"));
        await client.FlushAsync();
        await client.DisposeAsync();

        Assert.Equal(new MonitorClientCounters(1001, 1000, 1, 0, 0), client.Counters);
        var (record, error) = Assert.Single(refused);
        Assert.Equal("bad-latency", record.Id);
        Assert.Contains("latency_ms", error);

        using var reader = new MonitorClient(new MonitorClientOptions(), gateway.Factory.CreateClient());
        var v1 = await reader.GetSummaryAsync("client-csharp", "v1", minutes: 60);
        var v2 = await reader.GetSummaryAsync("client-csharp", "v2", minutes: 60);
        Assert.Equal(750, v1.TotalRequests);
        Assert.Equal(250, v2.TotalRequests);
        Assert.Equal(20, v1.ErrorCount + v2.ErrorCount);
        Assert.Equal(20, v1.ErrorsByType.GetValueOrDefault("Timeout") + v2.ErrorsByType.GetValueOrDefault("Timeout"));

        var models = await reader.GetModelsAsync();
        var listing = Assert.Single(models.Models, m => m.Model == "client-csharp");
        Assert.Equal(["v1", "v2"], listing.Versions.Select(v => v.Version).Order());

        var missing = await Assert.ThrowsAsync<MonitorApiException>(() => reader.GetSummaryAsync("client-csharp", "v9"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("v9", missing.Message);
    }
}
