using System.Net.Http.Json;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// The default single node as a real process with a data directory: an orderly restart keeps all
/// durable state; a kill -9 keeps every registration and what was checkpointed.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class SingleNodeRestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("monitor-single-").FullName;
    private readonly int _port = FreePort.Next();
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();

    [Fact]
    public async Task A_restart_keeps_registrations_and_windows_and_a_kill_keeps_what_was_checkpointed()
    {
        string[] versions = ["v1", "v2", "v3"];
        var sent = new Dictionary<string, long>();
        using (var node = Start())
        {
            var gateway = await ReadyAsync(node);
            var load = new TelemetryLoad(gateway.Http, "churn", versions, batchSize: 25, senders: 2);
            load.Start();
            await Eventually.TrueAsync("records of every version acknowledged", () => versions.All(v => load.Acked(v) >= 100), TimeSpan.FromSeconds(120));
            await load.StopAsync();
            foreach (var version in versions)
            {
                sent[version] = load.Acked(version);
                Assert.Equal(sent[version], await gateway.TotalRequestsAsync("churn", version));
            }

            await node.StopAsync(TimeSpan.FromSeconds(30));
            gateway.Dispose();
        }

        // An orderly stop checkpoints every version: all of it is back.
        using (var node = Start())
        {
            var gateway = await ReadyAsync(node);
            Assert.Equal(versions, (await gateway.VersionsOfAsync("churn")).Order());
            foreach (var version in versions)
            {
                Assert.Equal(sent[version], await gateway.TotalRequestsAsync("churn", version));
            }

            // More records, a checkpoint interval, a new version, then a crash right away.
            await PostAsync(gateway, "v1", 40);
            await StoreWrittenTwiceAsync();
            await PostAsync(gateway, "v1", 7);
            await PostAsync(gateway, "v4", 5);
            node.Kill();
            gateway.Dispose();
        }

        using (var node = Start())
        {
            var gateway = await ReadyAsync(node);

            // Registration is written through: v4 is known although its records came after the last checkpoint.
            Assert.Equal(["v1", "v2", "v3", "v4"], (await gateway.VersionsOfAsync("churn")).Order());
            var v1 = await gateway.TotalRequestsAsync("churn", "v1");
            output.WriteLine($"v1 after the crash: {v1} of {sent["v1"] + 47} acknowledged");
            Assert.InRange(v1, sent["v1"] + 40, sent["v1"] + 47);
            Assert.Equal(sent["v2"], await gateway.TotalRequestsAsync("churn", "v2"));
            await node.StopAsync(TimeSpan.FromSeconds(30));
            gateway.Dispose();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private MonitorProcess Start() => MonitorProcess.Start("single-node", RepoLayout.GatewayDll,
    [
        "--urls", $"http://127.0.0.1:{_port}",
        $"--Monitor:Storage:Directory={_data}",
        $"--Monitor:PredictionLog:Directory={Path.Combine(_data, "predictions")}",
        $"--Monitor:Cluster:SiloPort={_siloPort}",
        $"--Monitor:Cluster:GatewayPort={_gatewayPort}",
        "--Monitor:Windows:CheckpointInterval=00:00:01",
    ]);

    /// <summary>
    /// Waits until the grain store has been written twice since now: the first write may have begun before the
    /// records were acknowledged, the second (a checkpoint interval later) began after and holds them.
    /// </summary>
    private async Task StoreWrittenTwiceAsync()
    {
        string Stamp() => string.Join(",", new[] { "monitor.db", "monitor.db-wal" }.Select(f => new FileInfo(Path.Combine(_data, f)))
            .Select(f => f.Exists ? $"{f.Length}@{f.LastWriteTimeUtc.Ticks}" : "-"));
        var (last, writes) = (Stamp(), 0);
        await Eventually.TrueAsync("two writes of the grain store", () =>
        {
            var now = Stamp();
            (last, writes) = now == last ? (last, writes) : (now, writes + 1);
            return writes >= 2;
        });
    }

    private async Task<GatewayClient> ReadyAsync(MonitorProcess node)
    {
        var gateway = new GatewayClient(new Uri($"http://127.0.0.1:{_port}"));
        await gateway.WaitReadyAsync(TimeSpan.FromSeconds(60), () => node.Tail);
        return gateway;
    }

    private static async Task PostAsync(GatewayClient gateway, string version, int count)
    {
        var records = Enumerable.Range(0, count).Select(i => new Dictionary<string, object?>
        {
            ["model"] = "churn",
            ["version"] = version,
            ["latency_ms"] = 10 + i,
            ["status"] = "success",
            ["prediction"] = i % 2,
        });
        using var response = await gateway.Http.PostAsJsonAsync("/v1/predictions", records);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }
}
