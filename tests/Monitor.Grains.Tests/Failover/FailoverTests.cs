using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Models;
using Monitor.Grains.Versions;
using Monitor.Silo;
using Monitor.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests.Failover;

/// <summary>
/// Three in-process silos on Redis grain storage: a silo is killed, its versions re-activate on the
/// others from their last checkpoint, configuration written through is all there, and a gateway's
/// retried call is applied exactly when its records were lost.
/// </summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private RedisServer _redis = null!;
    private InProcessTestCluster _cluster = null!;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Checkpoints here come from deactivation only, so the test decides what was saved.
            ["Monitor:Windows:CheckpointInterval"] = "01:00:00",
        }).Build();
        var cluster = new MonitorClusterOptions { RedisConnection = _redis.Connection, ServiceId = "failover-test" };
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(_time);
            silo.AddRedisGrainStorage(MonitorStorage.Name, o => o.ConfigurationOptions = MonitorSiloBuilderExtensions.RedisConfiguration(cluster));
            silo.AddMonitorGrains(configuration);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task Versions_of_a_killed_silo_reactivate_elsewhere_from_their_last_checkpoint()
    {
        var client = _cluster.Client;
        var versions = Enumerable.Range(0, 24).Select(i => $"v{i}").ToArray();
        foreach (var version in versions)
        {
            Assert.Equal(VersionRegistration.Registered, await client.GetGrain<IModelRegistryGrain>(0).Register("fraud", version));
        }

        // 10 records each, checkpointed (deactivation writes the checkpoint), then 5 more that are not.
        foreach (var version in versions)
        {
            var grain = Version(version);
            await grain.Ingest([Records(version, 10)], new IngestToken("gw", 1));
            await _cluster.DeactivateAsync(grain);
        }

        foreach (var version in versions)
        {
            await Version(version).Ingest([Records(version, 5)], new IngestToken("gw", 2));
        }

        var hosts = await Hosts(versions);
        var primary = _cluster.Silos[0].SiloAddress;
        var victim = hosts.Values.Where(s => !s.Equals(primary)).GroupBy(s => s).OrderByDescending(g => g.Count()).First().Key;
        var lost = hosts.Where(h => h.Value.Equals(victim)).Select(h => h.Key).ToHashSet();
        Assert.NotEmpty(lost);
        Assert.True(hosts.Values.Distinct().Count() >= 2, "versions should spread over the silos");

        await _cluster.KillSiloAsync(_cluster.Silos.Single(s => s.SiloAddress.Equals(victim)));

        // An in-process "kill" may still let the dying silo deactivate (and checkpoint) its grains,
        // so a moved version has at least its checkpoint and at most what was applied; the real
        // kill -9 is in the cluster tests. Versions elsewhere lost nothing.
        foreach (var version in versions)
        {
            var summary = await Version(version).GetSummary(60);
            if (lost.Contains(version))
            {
                Assert.InRange(summary.TotalRequests, 10, 15);
            }
            else
            {
                Assert.Equal(15, summary.TotalRequests);
            }
        }

        // Nothing re-activated on the dead silo, and the configuration written through is intact.
        Assert.DoesNotContain(victim, (await Hosts(versions)).Values);
        var registered = await client.GetGrain<IModelRegistryGrain>(0).GetModels();
        Assert.Equal(versions.Order(), registered.Single(m => m.Model == "fraud").Versions.Order());

        // The gateway retries its unanswered call with the same token: applied again only where lost.
        foreach (var version in versions)
        {
            await Version(version).Ingest([Records(version, 5)], new IngestToken("gw", 2));
            Assert.Equal(15, (await Version(version).GetSummary(60)).TotalRequests);
        }
    }

    [Fact]
    public async Task A_call_already_applied_is_not_applied_again()
    {
        var grain = Version("once");
        var batch = Records("once", 7);
        await grain.Ingest([batch], new IngestToken("gw-a", 1));
        await grain.Ingest([batch], new IngestToken("gw-a", 1));
        await grain.Ingest([batch], new IngestToken("gw-b", 1));
        Assert.Equal(14, (await grain.GetSummary(60)).TotalRequests);

        // The mark is part of the checkpoint: still known after a re-activation.
        await _cluster.DeactivateAsync(grain);
        await grain.Ingest([batch], new IngestToken("gw-a", 1));
        Assert.Equal(14, (await grain.GetSummary(60)).TotalRequests);
    }

    private IModelVersionGrain Version(string version) => _cluster.Client.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", version));

    private async Task<Dictionary<string, SiloAddress>> Hosts(IEnumerable<string> versions)
    {
        var wanted = versions.ToDictionary(v => Version(v).GetGrainId(), v => v);
        var statistics = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Where(s => wanted.ContainsKey(s.GrainId)).ToDictionary(s => wanted[s.GrainId], s => s.SiloAddress);
    }

    private Monitor.Grains.Ingest.PredictionBatch Records(string version, int count)
    {
        var batch = new TestBatch("fraud", version);
        for (var i = 0; i < count; i++)
        {
            batch.Add(Now - 1000, 10 + i, confidence: 0.9, prediction: i % 2, id: $"{version}-{i}");
        }

        return batch.Build();
    }
}
