using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// A Redis cluster whose gateway is killed with SIGKILL under load and restarted on its ingest log: nothing it
/// acknowledged is lost, and its replay of the log counts nothing twice (the versions already hold those calls).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class GatewayKillTests(ITestOutputHelper output)
{
    private const string Model = "fraud";
    private static readonly string[] Versions = [.. Enumerable.Range(0, 6).Select(i => $"v{i}")];

    [Fact]
    public async Task A_killed_gateway_replays_its_log_on_restart_and_loses_and_doubles_nothing()
    {
        await using var deployment = await MonitorDeployment.StartAsync(silos: 2);
        var random = new Random(Environment.TickCount);
        var kept = Versions.ToDictionary(v => v, _ => 0L);
        var rounds = CrashRounds.Count(3);
        for (var round = 0; round < rounds; round++)
        {
            var load = new TelemetryLoad(deployment.Gateway.Http, Model, Versions, batchSize: 50, senders: 4);
            load.Start();

            // The kill comes at a random moment after the first acknowledgement, so each round has something to keep.
            await Eventually.TrueAsync("a first acknowledgement", () => load.TotalAcked > 0, TimeSpan.FromSeconds(60));
            var after = TimeSpan.FromMilliseconds(random.Next(0, 2500));
            await Task.Delay(after);
            deployment.KillGateway();
            await load.StopAsync();
            Assert.True(load.TotalAcked > 0, $"round {round}: records were acknowledged before the kill");
            await deployment.RestartGatewayAsync();
            foreach (var version in Versions)
            {
                var total = await TotalAsync(deployment.Gateway, version);
                var acked = kept[version] + load.Acked(version);
                Assert.True(total >= acked, $"round {round}: {version} lost acknowledged records: {total} kept of {acked}");
                Assert.True(total <= acked + load.Refused(version), $"round {round}: {version} counted records twice: {total} kept, {acked} acknowledged, {load.Refused(version)} unanswered");
                kept[version] = total;
            }

            output.WriteLine($"round {round}: gateway killed {after.TotalMilliseconds:0} ms after the first acknowledgement, {load.TotalAcked} acknowledged");
        }
    }

    private static async Task<long> TotalAsync(GatewayClient gateway, string version)
    {
        using var response = await gateway.Http.GetAsync($"/v1/models/{Model}/versions/{version}/summary?minutes=60");
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? 0 : await gateway.TotalRequestsAsync(Model, version);
    }
}
