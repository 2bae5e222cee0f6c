using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// Real processes on loopback (Redis, silos, a gateway) under simulator load: a silo that joins takes a share of
/// the running versions, moved with their state, and a silo stopped with SIGTERM hands its versions over first.
/// In both, every acknowledged record is counted once. Run alone with <c>dotnet test --filter Category=Cluster</c>.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const string Model = "scale";
    private static readonly string[] Versions = [.. Enumerable.Range(0, 24).Select(i => $"v{i}")];

    [Fact]
    public async Task A_silo_that_joins_a_loaded_cluster_takes_a_share_of_its_versions_and_no_record_is_lost_or_counted_twice()
    {
        await using var deployment = await MonitorDeployment.StartAsync(silos: 2);
        var gateway = deployment.Gateway;
        var load = new TelemetryLoad(gateway.Http, Model, Versions);
        load.Start();
        await Eventually.TrueAsync("records of every version acknowledged", () => Versions.All(v => load.Acked(v) > 0), TimeSpan.FromSeconds(120));

        var joined = await deployment.AddSiloAsync();
        var joinedAt = load.Elapsed;
        var endpoint = $":{deployment.Silos[^1].SiloPort}";
        var share = await Eventually.ValueAsync("the joined silo hosts running versions", async () =>
        {
            var (_, bySilo) = await gateway.ClusterAsync();
            var hosted = bySilo.FirstOrDefault(s => s.Key.EndsWith(endpoint, StringComparison.Ordinal)).Value ?? [];
            return hosted.Length >= Versions.Length / 6 ? hosted : null;
        }, TimeSpan.FromSeconds(90));
        output.WriteLine($"{joined.Name} hosts {share.Length} versions {(load.Elapsed - joinedAt).TotalSeconds:0.0} s after it joined");

        var cluster = await gateway.GetJsonAsync("/v1/cluster");
        var moves = cluster.GetProperty("moves").EnumerateArray().ToList();
        Assert.True(cluster.GetProperty("rebalancing_enabled").GetBoolean());
        Assert.Contains(moves, m => m.GetProperty("reason").GetString() == "load" && m.GetProperty("to").GetString()!.Contains(endpoint, StringComparison.Ordinal));
        Assert.All(cluster.GetProperty("silos").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "active"), s =>
            Assert.Equal(JsonValueKind.Object, s.GetProperty("load").ValueKind));

        // Records go on arriving at the moved versions on their new silo.
        var before = share.ToDictionary(k => k, k => load.Acked(k.Split('/')[1]));
        await Eventually.TrueAsync("moved versions take records", () => before.All(kv => load.Acked(kv.Key.Split('/')[1]) > kv.Value), TimeSpan.FromSeconds(60));
        await load.StopAsync();
        output.WriteLine($"{load.TotalAcked} records acknowledged, {load.FailedRequests} requests refused, {moves.Count} moves");
        await AssertCountedOnceAsync(gateway, load);
    }

    [Fact]
    public async Task A_silo_stopped_with_sigterm_hands_its_versions_over_without_losing_records_or_alert_state()
    {
        await using var deployment = await MonitorDeployment.StartAsync(silos: 3);
        var gateway = deployment.Gateway;

        // The simulator's errors keep this rule firing on every version throughout.
        var rule = new { name = "ScaleErrors", model = Model, metric = "error_rate", comparator = ">", threshold = 0.0, window_minutes = 60 };
        using (var created = await gateway.Http.PostAsJsonAsync("/v1/alerts/rules", rule))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var load = new TelemetryLoad(gateway.Http, Model, Versions);
        load.Start();
        await Eventually.TrueAsync("records of every version acknowledged", () => Versions.All(v => load.Acked(v) > 0), TimeSpan.FromSeconds(120));
        var (_, bySilo) = await gateway.ClusterAsync();
        var (endpoint, hosted) = bySilo.OrderByDescending(s => s.Value.Length).First();
        var firing = await Eventually.ValueAsync("the stopping silo's versions are alerting", async () =>
        {
            var started = await AlertStartsAsync(gateway);
            return hosted.All(started.ContainsKey) ? started : null;
        }, TimeSpan.FromSeconds(90));

        var leaving = deployment.SiloAt(endpoint);
        await leaving.StopAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"{leaving.Name} ({endpoint}) stopped, hosting {hosted.Length} versions");
        Assert.True(leaving.HasWritten("versions moved"), leaving.Tail);
        await deployment.WaitForSilosAsync(2, TimeSpan.FromSeconds(30));

        var cluster = await gateway.GetJsonAsync("/v1/cluster");
        var drained = cluster.GetProperty("moves").EnumerateArray().Count(m => m.GetProperty("reason").GetString() == "drain");
        output.WriteLine($"{drained} versions recorded as drained");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await load.StopAsync();

        // The alerts of the moved versions go on as they were: the same start, never resolved in between.
        var after = await AlertStartsAsync(gateway);
        Assert.All(hosted, key => Assert.Equal(firing[key], after[key]));
        var history = (await gateway.GetJsonAsync($"/v1/alerts/history?model={Model}")).GetProperty("events").EnumerateArray();
        Assert.DoesNotContain(history, e => e.GetProperty("event").GetString() == "resolved");
        await AssertCountedOnceAsync(gateway, load);
    }

    // Every acknowledged record counted, and none twice (a refused request may have been applied in a timeout race).
    private async Task AssertCountedOnceAsync(GatewayClient gateway, TelemetryLoad load)
    {
        foreach (var version in Versions)
        {
            var counted = await gateway.TotalRequestsAsync(Model, version);
            Assert.InRange(counted, load.Acked(version), load.Acked(version) + load.Refused(version));
        }

        Assert.Equal(load.TotalAcked, (long)await gateway.MetricAsync("monitor_ingest_records_accepted_total"));
        output.WriteLine("every acknowledged record counted once");
    }

    // Each alerting version ("model/version") and when its ScaleErrors alert started.
    private static async Task<Dictionary<string, DateTimeOffset>> AlertStartsAsync(GatewayClient gateway) =>
        (await gateway.GetJsonAsync($"/v1/alerts?model={Model}")).GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "ScaleErrors")
            .ToDictionary(
                a => $"{Model}/{a.GetProperty("labels").GetProperty("version").GetString()}",
                a => a.GetProperty("starts_at").GetDateTimeOffset());
}
