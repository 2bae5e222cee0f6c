using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// Two gateways of one Redis cluster behind nginx share the ingest: both take requests, the counts are exact,
/// and when one gateway is killed with SIGKILL the traffic goes on through the other, losing nothing acknowledged.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class GatewayScaleOutTests(ITestOutputHelper output)
{
    private const string Model = "fraud";
    private static readonly string[] Versions = [.. Enumerable.Range(0, 6).Select(i => $"v{i}")];

    [Fact]
    public async Task Two_gateways_behind_nginx_share_ingest_and_one_killed_leaves_the_traffic_to_the_other()
    {
        await using var deployment = await MonitorDeployment.StartAsync(silos: 2);
        var second = await deployment.AddGatewayAsync();
        using var proxy = await NginxProxy.StartAsync(deployment.Gateways.Select(g => g.Http.BaseAddress!));
        using var http = new HttpClient { BaseAddress = proxy.Address, Timeout = TimeSpan.FromSeconds(90) };
        var load = new TelemetryLoad(http, Model, Versions, batchSize: 20, senders: 4);
        load.Start();

        // Both gateways take a share.
        await Eventually.TrueAsync(
            "both gateways acknowledged records",
            async () => await AcceptedAsync(deployment.Gateway) > 0 && await AcceptedAsync(second) > 0,
            TimeSpan.FromSeconds(120));
        var first = await AcceptedAsync(deployment.Gateway);
        var other = await AcceptedAsync(second);
        output.WriteLine($"before the kill: {first} records through the first gateway, {other} through the second");

        deployment.KillAddedGateway(0);
        var atKill = load.TotalAcked;
        await Eventually.TrueAsync("traffic goes on through the other gateway", () => load.TotalAcked > atKill + 2_000, TimeSpan.FromSeconds(60));
        await load.StopAsync();
        output.WriteLine($"{atKill} records acknowledged at the kill, {load.TotalAcked} in all; {load.FailedRequests} requests refused");

        // The versions hold every acknowledged record once, whichever gateway took it.
        foreach (var version in Versions)
        {
            var counted = await deployment.Gateway.TotalRequestsAsync(Model, version);
            Assert.InRange(counted, load.Acked(version), load.Acked(version) + load.Refused(version));
        }
    }

    private static async Task<double> AcceptedAsync(GatewayClient gateway) => await gateway.MetricAsync("monitor_ingest_records_accepted_total");
}
