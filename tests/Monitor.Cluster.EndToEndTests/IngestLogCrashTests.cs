using System.Net.Http.Json;
using Monitor.Testing;
using Xunit.Abstractions;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// The single node as a real process under load, killed with SIGKILL: every record it acknowledged is in the
/// summaries after the restart (the ingest log replays what the last checkpoint missed) and none is counted
/// twice. At most the records of requests that got no answer may also be kept.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class IngestLogCrashTests(ITestOutputHelper output) : IDisposable
{
    private const string Model = "churn";
    private static readonly string[] Versions = ["v1", "v2", "v3"];
    private readonly string _data = Directory.CreateTempSubdirectory("monitor-wal-").FullName;
    private readonly int _port = FreePort.Next();
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();

    [Fact]
    public async Task Twenty_kills_at_random_moments_under_load_keep_every_acknowledged_record_once()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var kept = Versions.ToDictionary(v => v, _ => 0L);
        var unanswered = Versions.ToDictionary(v => v, _ => 0L);
        var duringReplay = 0;
        for (var round = 0; round < 20; round++)
        {
            using var node = Start();
            var replaying = round > 0 && random.Next(4) == 0;
            if (replaying)
            {
                // Some kills come while the log a previous kill left is being replayed.
                await node.WaitForOutputAsync("Replaying the ingest log", TimeSpan.FromSeconds(60));
                duringReplay += node.HasWritten("Ingest log replayed") ? 0 : 1;
                node.Kill();
                output.WriteLine($"round {round}: killed at the start of the replay");
                continue;
            }

            using var gateway = await ReadyAsync(node);
            await AssertKeptAsync(gateway, kept, unanswered, round);
            var batch = random.Next(2) == 0 ? 1 : 100;
            var load = new TelemetryLoad(gateway.Http, Model, Versions, batchSize: batch, senders: 4);
            load.Start();
            var after = TimeSpan.FromMilliseconds(random.Next(100, 2500));
            await Task.Delay(after);
            node.Kill();
            await load.StopAsync();
            foreach (var version in Versions)
            {
                kept[version] += load.Acked(version);
                unanswered[version] = load.Refused(version);
            }

            output.WriteLine($"round {round}: batches of {batch}, killed after {after.TotalMilliseconds:0} ms, {load.TotalAcked} acknowledged");
        }

        using (var node = Start())
        {
            using var gateway = await ReadyAsync(node);
            await AssertKeptAsync(gateway, kept, unanswered, 20);

            // The log shrinks to what the checkpoints do not hold yet: nothing, once the versions are idle.
            await WaitForAsync(async () => await gateway.MetricAsync("monitor_ingest_log_segments") <= 1 && SegmentFiles() <= 1, TimeSpan.FromSeconds(60));
            await node.StopAsync(TimeSpan.FromSeconds(30));
        }

        output.WriteLine($"{kept.Values.Sum()} records acknowledged over 20 kills, {duringReplay} of them during a replay");
    }

    [Fact]
    public async Task A_torn_last_entry_is_skipped_and_reported_and_the_node_starts()
    {
        // No checkpoint, so the log keeps every entry until the end.
        string[] slow = ["--Monitor:Windows:CheckpointInterval=00:10:00"];
        using (var node = Start(slow))
        {
            using var gateway = await ReadyAsync(node);
            await PostAsync(gateway, "v1", 30);
            await PostAsync(gateway, "v1", 12);
            node.Kill();
        }

        // A crash in the middle of a write leaves the start of an entry at the end of the segment.
        var segment = Directory.GetFiles(LogDirectory, "*.wal").Where(f => new FileInfo(f).Length > 0).Order().Last();
        var head = File.ReadAllBytes(segment)[..40];
        using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write(head);
        }

        using (var node = Start(slow))
        {
            using var gateway = await ReadyAsync(node);
            Assert.Equal(42, await gateway.TotalRequestsAsync(Model, "v1"));
            Assert.Equal(1, await gateway.MetricAsync("monitor_ingest_log_torn_entries_total"));
            Assert.True(node.HasWritten("ends in an unreadable entry"), node.Tail);
            await PostAsync(gateway, "v1", 5);
            node.Kill();
        }

        using (var node = Start(slow))
        {
            using var gateway = await ReadyAsync(node);
            Assert.Equal(47, await gateway.TotalRequestsAsync(Model, "v1"));
            await node.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_crash_during_the_replay_is_replayed_again_once()
    {
        // No checkpoint before the kills: everything comes back from the log.
        string[] slow = ["--Monitor:Windows:CheckpointInterval=00:10:00"];
        TelemetryLoad load;
        using (var node = Start(slow))
        {
            using var gateway = await ReadyAsync(node);
            load = new TelemetryLoad(gateway.Http, Model, Versions, batchSize: 500, senders: 4);
            load.Start();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await load.StopAsync();
            node.Kill();
        }

        using (var node = Start(slow))
        {
            await node.WaitForOutputAsync("Replaying the ingest log", TimeSpan.FromSeconds(60));
            node.Kill();
            Assert.False(node.HasWritten("Ingest log replayed"), "the replay had finished before the kill");
        }

        using (var node = Start(slow))
        {
            using var gateway = await ReadyAsync(node);
            foreach (var version in Versions)
            {
                Assert.Equal(load.Acked(version), await gateway.TotalRequestsAsync(Model, version));
            }

            output.WriteLine($"{load.TotalAcked} records replayed twice over a crash in the first replay");
            await node.StopAsync(TimeSpan.FromSeconds(30));
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

    private string LogDirectory => Path.Combine(_data, "ingest-log");

    private int SegmentFiles() => Directory.GetFiles(LogDirectory, "*.wal").Length;

    private static async Task AssertKeptAsync(GatewayClient gateway, Dictionary<string, long> kept, Dictionary<string, long> unanswered, int round)
    {
        foreach (var version in Versions)
        {
            var total = await TotalAsync(gateway, version);
            Assert.True(total >= kept[version], $"round {round}: {version} lost acknowledged records: {total} kept of {kept[version]}");
            Assert.True(total <= kept[version] + unanswered[version], $"round {round}: {version} counted records twice: {total} kept, {kept[version]} acknowledged, {unanswered[version]} unanswered");

            // Records of unanswered requests that were kept are part of the next round's baseline.
            kept[version] = total;
            unanswered[version] = 0;
        }
    }

    // A version that never got a record is not registered yet.
    private static async Task<long> TotalAsync(GatewayClient gateway, string version)
    {
        using var response = await gateway.Http.GetAsync($"/v1/models/{Model}/versions/{version}/summary?minutes=60");
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? 0 : await gateway.TotalRequestsAsync(Model, version);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {timeout}");
            await Task.Delay(250);
        }
    }

    private MonitorProcess Start(params string[] extra) => MonitorProcess.Start("single-node", RepoLayout.GatewayDll,
    [
        "--urls", $"http://127.0.0.1:{_port}",
        $"--Monitor:Storage:Directory={_data}",
        $"--Monitor:PredictionLog:Directory={Path.Combine(_data, "predictions")}",
        $"--Monitor:Cluster:SiloPort={_siloPort}",
        $"--Monitor:Cluster:GatewayPort={_gatewayPort}",
        "--Monitor:Windows:CheckpointInterval=00:00:01",
        "--Monitor:Durability:SegmentAge=00:00:01",
        "--Monitor:Durability:TruncateInterval=00:00:00.500",
        .. extra,
    ]);

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
            ["model"] = Model,
            ["version"] = version,
            ["latency_ms"] = 10 + i,
            ["status"] = "success",
        });
        using var response = await gateway.Http.PostAsJsonAsync("/v1/predictions", records);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }
}
