using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Versions;
using Monitor.Silo;
using Monitor.Testing;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests;

/// <summary>
/// Idle versions leave memory: after <c>Monitor:Versions:IdleDeactivation</c> without calls Orleans deactivates them
/// (each writes its checkpoint), and the next call activates them again from it with every figure as before.
/// </summary>
public sealed class IdleVersionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(ClusterFixture.Start);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:Versions:IdleDeactivation"] = "00:00:02",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(_time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.FromSeconds(1));
            silo.AddMemoryGrainStorage(MonitorStorage.Name);
            silo.AddMonitorGrains(configuration);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Idle_versions_deactivate_and_come_back_from_their_checkpoint_with_their_figures()
    {
        var now = ClusterFixture.Start.ToUnixTimeMilliseconds();
        var versions = Enumerable.Range(0, 3).Select(v => _cluster.Client.GetGrain<IModelVersionGrain>(VersionKey.Of("idle", $"v{v}"))).ToArray();
        for (var v = 0; v < versions.Length; v++)
        {
            var batch = new TestBatch("idle", $"v{v}");
            for (var i = 0; i < 40 + v; i++)
            {
                batch.Add(now - 1000 - i, 5 + (i * 1.5), confidence: 0.6, ok: i % 7 != 0, error: i % 7 == 0 ? "Timeout" : null, prediction: i % 2);
            }

            await versions[v].Ingest([batch.Build()]);
        }

        var before = await Task.WhenAll(versions.Select(v => Figures(v)));
        Assert.True(await ActiveVersions() >= versions.Length);

        await Eventually.TrueAsync("the idle versions to be deactivated", async () =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            return await ActiveVersions() == 0;
        });

        Assert.Equal(before, await Task.WhenAll(versions.Select(v => Figures(v))));
    }

    private async Task<int> ActiveVersions()
    {
        var statistics = await _cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(ModelVersionGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    // The figures an idle version serves (its period covers the records whatever the few seconds the clock moved).
    private static async Task<string> Figures(IModelVersionGrain version)
    {
        var summary = await version.GetSummary(60);
        return JsonSerializer.Serialize(new
        {
            summary.TotalRequests,
            summary.ErrorCount,
            summary.ErrorsByType,
            summary.P50LatencyMs,
            summary.P99LatencyMs,
            summary.MinLatencyMs,
            summary.MaxLatencyMs,
            Points = (await version.GetTimeSeries(60, 60)).Points.Sum(p => p.TotalRequests),
        });
    }
}
