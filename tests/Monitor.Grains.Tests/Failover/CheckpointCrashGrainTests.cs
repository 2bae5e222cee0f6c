using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Drift;
using Monitor.Grains.Models;
using Monitor.Grains.Versions;
using Monitor.Silo;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests.Failover;

/// <summary>
/// A version whose silo dies in the middle of its checkpoint, after each possible number of its writes: the
/// re-activated version holds the previous checkpoint or the new one, exactly; the gateway's retried call then
/// leaves every record counted once, and a reference capture the lost call completed holds each record once.
/// </summary>
public sealed class CheckpointCrashGrainTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private CrashingGrainStorage _storage = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Checkpoints here come from deactivation only, so the test decides when one is written.
            ["Monitor:Windows:CheckpointInterval"] = "01:00:00",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(_time);
            silo.AddMemoryGrainStorage("underlying");
            silo.Services.AddKeyedSingleton<IGrainStorage>(MonitorStorage.Name, (services, _) =>
                _storage = new CrashingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("underlying")));
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
    public async Task A_silo_dying_after_any_write_of_a_checkpoint_loses_at_most_that_interval_and_counts_nothing_twice()
    {
        var committed = new List<bool>();
        var died = true;
        for (var k = 0; died; k++)
        {
            var grain = _cluster.Client.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", $"crash-{k}"));
            var first = Records(k, 0, 10);
            var second = Records(k, 10, 15);

            // A capture of 20 records, 10 of them in the first checkpoint; the second call completes it.
            Assert.True((await grain.CaptureReference(new CaptureRequest { Records = 20 })).Accepted);
            await grain.Ingest([first], new IngestToken("gw", 1));
            await Deactivate(grain);
            await grain.Ingest([second], new IngestToken("gw", 2));
            Assert.Equal("ready", (await grain.GetReference())!.Status);

            // The deactivation's checkpoint: the silo dies after k of its writes.
            _storage.Arm(grain.GetGrainId(), k);
            await Deactivate(grain);
            died = _storage.Refused > 0;
            _storage.Disarm();

            // Restored: the first checkpoint, or (once its core row is written) the second, capture and all.
            var total = (await grain.GetSummary(60)).TotalRequests;
            Assert.True(total is 10 or 25, $"after {k} writes of the checkpoint: {total} records");
            Assert.Equal(total == 25 ? "ready" : "capturing", (await grain.GetReference())!.Status);
            committed.Add(total == 25);

            // The gateway had no answer for the second call and sends it again with the same token.
            await grain.Ingest([second], new IngestToken("gw", 2));
            Assert.Equal(25, (await grain.GetSummary(60)).TotalRequests);
            var captured = (await grain.GetReferenceData())!;
            Assert.Equal(Enumerable.Range(0, 20).Select(i => (double)i), captured.Features.Single().Numbers!);

            // And the next checkpoint stores all of it.
            await Deactivate(grain);
            Assert.Equal(25, (await grain.GetSummary(60)).TotalRequests);
            Assert.Equal(20, (await grain.GetReference())!.Rows);
        }

        output.WriteLine($"a checkpoint of {committed.Count - 1} writes; its records kept from write {committed.IndexOf(true) + 1} on");

        // Lost up to some write (its core row), kept from it on.
        Assert.True(committed.Count > 5, $"the checkpoint wrote {committed.Count - 1} rows");
        Assert.Equal(committed.Order(), committed);
        Assert.False(committed[0]);
        Assert.True(committed[^1]);
    }

    [Fact]
    public async Task A_registration_whose_write_failed_is_not_reported_known_and_is_stored_on_the_retry()
    {
        var registry = _cluster.Client.GetGrain<IModelRegistryGrain>(0);
        var model = _cluster.Client.GetGrain<IModelGrain>("registered");

        // The registry's write fails: the version is not known, so the gateway's retry registers it.
        _storage.Arm(registry.GetGrainId(), 0);
        await Assert.ThrowsAnyAsync<Exception>(() => registry.Register("registered", "v1"));
        _storage.Disarm();
        Assert.False(await registry.Contains("registered", "v1"));
        Assert.Equal(VersionRegistration.Registered, await registry.Register("registered", "v1"));

        // The model grain's write fails after the registry's succeeded: the retry hears "already known" and the
        // model grain learns the version all the same.
        _storage.Arm(model.GetGrainId(), 0);
        await Assert.ThrowsAnyAsync<Exception>(() => registry.Register("registered", "v2"));
        _storage.Disarm();
        Assert.DoesNotContain("v2", await model.GetVersions());
        Assert.Equal(VersionRegistration.AlreadyKnown, await registry.Register("registered", "v2"));

        // Both as stored: read back after the grains are gone.
        await _cluster.DeactivateAsync(registry);
        await _cluster.DeactivateAsync(model);
        await _cluster.WaitForDeactivationAsync(registry);
        await _cluster.WaitForDeactivationAsync(model);
        Assert.Equal(["v1", "v2"], (await registry.GetModels()).Single(m => m.Model == "registered").Versions);
        Assert.Equal(["v1", "v2"], await model.GetVersions());
    }

    private async Task Deactivate(IModelVersionGrain grain)
    {
        await _cluster.DeactivateAsync(grain);
        await _cluster.WaitForDeactivationAsync(grain);
    }

    // Records whose feature x counts from `from`, so a reference shows which records it holds and how often.
    private Monitor.Grains.Ingest.PredictionBatch Records(int k, int from, int count)
    {
        var batch = new TestBatch("fraud", $"crash-{k}");
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = from; i < from + count; i++)
        {
            batch.Add(now - 1000, 10 + i, prediction: i % 2, id: $"r{i}", features: new() { ["x"] = (double)i });
        }

        return batch.Build();
    }
}
