using System.Net.Http.Json;
using Xunit.Abstractions;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// Real processes on loopback: Redis, three silos and a gateway under simulator load. A silo is
/// killed with SIGKILL; Redis is killed and restarted. Run alone with
/// <c>dotnet test --filter Category=Cluster</c>.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const string Model = "fraud";
    private static readonly string[] Versions = [.. Enumerable.Range(0, 30).Select(i => $"v{i}")];

    [Fact]
    public async Task A_killed_silo_loses_nothing_acknowledged_and_no_configuration()
    {
        await using var deployment = await MonitorDeployment.StartAsync(silos: 3);
        var gateway = deployment.Gateway;

        // Alerting configuration, written through before the kill.
        var rule = new { name = "FailoverErrors", model = Model, metric = "error_rate", comparator = ">", threshold = 0.5, window_minutes = 5 };
        using (var created = await gateway.Http.PostAsJsonAsync("/v1/alerts/rules", rule))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var load = new TelemetryLoad(gateway.Http, Model, Versions);
        load.Start();
        await Eventually.TrueAsync("records of every version acknowledged", () => Versions.All(v => load.Acked(v) > 0), TimeSpan.FromSeconds(120));

        // New versions spread over the silos.
        var (_, bySilo) = await gateway.ClusterAsync();
        output.WriteLine("placement: " + string.Join(", ", bySilo.Select(s => $"{s.Key}={s.Value.Length}")));
        Assert.Equal(3, bySilo.Count);
        Assert.All(bySilo.Values, hosted => Assert.InRange(hosted.Length, 2, 18));

        var (endpoint, hostedOnVictim) = bySilo.OrderByDescending(s => s.Value.Length).First();
        var victim = deployment.SiloAt(endpoint);
        var killedAt = load.Elapsed;
        victim.Kill();
        output.WriteLine($"killed {victim.Name} ({endpoint}) at {killedAt.TotalSeconds:0.0} s, hosting {hostedOnVictim.Length} versions");

        await deployment.WaitForSilosAsync(2, TimeSpan.FromSeconds(30));
        var recovered = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await load.StopAsync();
        output.WriteLine($"two silos again after {(recovered - killedAt).TotalSeconds:0.0} s; {load.TotalAcked} records acknowledged, {load.FailedRequests} requests refused");

        // Configuration written through is all there: every version is still registered and the alert
        // rule is kept; the alert list answers and shows no spurious alert for it (2% errors < 50%).
        Assert.Equal(Versions.Order(), (await gateway.VersionsOfAsync(Model)).Order());
        Assert.Equal("FailoverErrors", (await gateway.GetJsonAsync("/v1/alerts/rules/FailoverErrors")).GetProperty("name").GetString());
        var alerts = await gateway.GetJsonAsync($"/v1/alerts?model={Model}");
        Assert.DoesNotContain("FailoverErrors", alerts.ToString());

        // The killed silo's versions got back from the gateway what they had not checkpointed: nothing acknowledged is lost.
        await Eventually.TrueAsync(
            "every acknowledged record counted",
            async () =>
            {
                foreach (var version in Versions)
                {
                    if (await gateway.TotalRequestsAsync(Model, version) < load.Acked(version))
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(60));
        foreach (var version in Versions)
        {
            // Never more than was sent: no record applied twice (refused requests may have been kept in a timeout race).
            Assert.InRange(await gateway.TotalRequestsAsync(Model, version), load.Acked(version), load.Acked(version) + load.Refused(version));
        }

        output.WriteLine($"{await gateway.MetricAsync("monitor_ingest_resent_records_total")} records sent again to the killed silo's {hostedOnVictim.Length} versions");
        var metricsAccepted = await gateway.MetricAsync("monitor_ingest_records_accepted_total");
        Assert.Equal(load.TotalAcked, (long)metricsAccepted);
    }

    [Fact]
    public async Task A_redis_restart_loses_nothing_acknowledged()
    {
        await using var deployment = await MonitorDeployment.StartAsync(silos: 2);
        var gateway = deployment.Gateway;
        var versions = Versions[..10];
        var load = new TelemetryLoad(gateway.Http, Model, versions);
        load.Start();
        await Eventually.TrueAsync("records of every version acknowledged", () => versions.All(v => load.Acked(v) > 0), TimeSpan.FromSeconds(120));

        deployment.Redis.Kill();
        var before = load.TotalAcked;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await deployment.Redis.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2 * MonitorDeployment.CheckpointInterval.TotalSeconds + 2));
        await load.StopAsync();
        output.WriteLine($"{before} records acknowledged before Redis died, {load.TotalAcked} in all; {load.FailedRequests} requests refused");
        Assert.True(load.TotalAcked > before, "ingest resumed after Redis came back");

        Assert.Equal(versions.Order(), (await gateway.VersionsOfAsync(Model)).Order());
        foreach (var version in versions)
        {
            var counted = await gateway.TotalRequestsAsync(Model, version);
            Assert.InRange(counted, load.Acked(version), load.Acked(version) + load.Refused(version));
        }

        // And what was checkpointed after the restart is in Redis: a silo killed now re-activates
        // its versions from it on the other silo, within one checkpoint interval.
        await Task.Delay(MonitorDeployment.CheckpointInterval * 2);
        deployment.Silos[0].Process.Kill();
        await deployment.WaitForSilosAsync(1, TimeSpan.FromSeconds(30));
        foreach (var version in versions)
        {
            Assert.Equal(load.Acked(version), await gateway.TotalRequestsAsync(Model, version));
        }
    }
}
