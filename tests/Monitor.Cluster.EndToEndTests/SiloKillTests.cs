using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// A Redis cluster under load whose silos are killed with SIGKILL at random moments, one after another, each
/// replaced by a new one: the versions the dead silo hosted are restored from their checkpoints elsewhere and get
/// the calls acknowledged since from the gateway, so every acknowledged record is counted, and none twice.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const string Model = "fraud";
    private static readonly string[] Versions = [.. Enumerable.Range(0, 12).Select(i => $"v{i}")];

    [Fact]
    public async Task Silos_killed_at_random_moments_under_load_lose_and_double_no_acknowledged_record()
    {
        var kills = CrashRounds.Count(2);
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}, {kills} kills");
        var random = new Random(seed);
        await using var deployment = await MonitorDeployment.StartAsync(silos: 3);
        var gateway = deployment.Gateway;
        var load = new TelemetryLoad(gateway.Http, Model, Versions, batchSize: 50, senders: 4);
        load.Start();
        await Eventually.TrueAsync("records of every version acknowledged", () => Versions.All(v => load.Acked(v) > 0), TimeSpan.FromSeconds(120));

        for (var kill = 0; kill < kills; kill++)
        {
            // Anywhere within and beyond one checkpoint interval.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 3000)));
            var (_, bySilo) = await gateway.ClusterAsync();
            var (endpoint, hosted) = bySilo.Where(s => s.Value.Length > 0).OrderBy(_ => random.Next()).First();
            var victim = deployment.SiloAt(endpoint);
            var ackedBefore = load.TotalAcked;
            victim.Kill();
            await deployment.WaitForSilosAsync(2, TimeSpan.FromSeconds(30));
            await deployment.AddSiloAsync(activeAfter: 3);
            output.WriteLine($"kill {kill}: {victim.Name} hosting {hosted.Length} versions, {ackedBefore} records acknowledged before it");
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await load.StopAsync();
        Assert.True(load.TotalAcked > 0, "records were acknowledged");

        // Idle versions get their lost calls back too (the gateway asks them), within a few rounds.
        await Eventually.TrueAsync(
            "every acknowledged record counted",
            async () => (await CountsAsync(gateway)).All(c => c.Value >= load.Acked(c.Key)),
            TimeSpan.FromSeconds(60));
        foreach (var (version, counted) in await CountsAsync(gateway))
        {
            Assert.InRange(counted, load.Acked(version), load.Acked(version) + load.Refused(version));
        }

        var resent = await gateway.MetricAsync("monitor_ingest_resent_records_total");
        output.WriteLine($"{load.TotalAcked} records acknowledged, {load.FailedRequests} requests refused, {resent} records sent again to restored versions");
        Assert.True(resent > 0, "the killed silos' versions had records to get back");
    }

    private static async Task<Dictionary<string, long>> CountsAsync(GatewayClient gateway)
    {
        var counts = new Dictionary<string, long>();
        foreach (var version in Versions)
        {
            counts[version] = await gateway.TotalRequestsAsync(Model, version);
        }

        return counts;
    }
}
