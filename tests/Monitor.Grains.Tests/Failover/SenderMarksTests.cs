using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;
using Monitor.Silo;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests.Failover;

/// <summary>
/// A gateway that was stopped for hours (or days) replays the calls its ingest log still holds; the version remembers the
/// gateway's mark across its checkpoints that long, so a call it has applied is not applied again.
/// </summary>
public sealed class SenderMarksTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(_time);
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

    private PredictionBatch Batch(int records)
    {
        var batch = new TestBatch("marks", "v1");
        for (var i = 0; i < records; i++)
        {
            batch.Add(_time.GetUtcNow().ToUnixTimeMilliseconds(), 10);
        }

        return batch.Build();
    }

    [Fact]
    public async Task A_call_replayed_hours_later_after_checkpoints_and_a_reactivation_is_not_applied_twice()
    {
        var grain = _cluster.Client.GetGrain<IModelVersionGrain>(VersionKey.Of("marks", "v1"));
        var replayed = Batch(5);
        await grain.Ingest([replayed], new IngestToken("stopped-gateway", 1));

        // Another gateway keeps the version busy for hours: checkpoints are written meanwhile, then it deactivates.
        _time.Advance(TimeSpan.FromHours(3));
        await grain.Ingest([Batch(2)], new IngestToken("other-gateway", 1));
        await _cluster.DeactivateAsync(grain);
        await _cluster.WaitForDeactivationAsync(grain);

        await grain.Ingest([replayed], new IngestToken("stopped-gateway", 1));

        Assert.Equal(7, (await grain.GetSummary(6 * 60)).TotalRequests);
    }
}
