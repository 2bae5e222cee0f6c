using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Rebalancing;
using Monitor.Grains.Versions;
using Monitor.Silo;
using Monitor.Testing;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests.Rebalancing;

/// <summary>
/// Versions moved between two silos while records arrive: every acknowledged record is counted once (retried calls
/// included), what the version holds in memory only comes along, and the count stays right over many moves.
/// </summary>
public sealed class MigrationGrainTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private InProcessTestCluster _cluster = null!;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Checkpoints here come from the moves alone, so the moves carry every record.
            ["Monitor:Windows:CheckpointInterval"] = "01:00:00",
        }).Build();
        var builder = new InProcessTestClusterBuilder(2);
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

    [Fact]
    public async Task A_version_moved_back_and_forth_under_ingest_counts_every_record_once()
    {
        const string key = "fraud/moving";
        var version = _cluster.Client.GetGrain<IModelVersionGrain>(key);
        var placement = _cluster.Client.GetGrain<IVersionPlacementGrain>(key);
        var silos = _cluster.Silos.Select(s => s.SiloAddress).ToArray();
        using var stop = new CancellationTokenSource();
        var sent = 0L;
        var ingest = Task.Run(async () =>
        {
            for (var sequence = 1L; !stop.IsCancellationRequested; sequence++)
            {
                var batch = Batch(key, 10);
                await version.Ingest([batch], new IngestToken("gw-a", sequence));

                // Every third call is sent again, as a gateway does when an answer was lost: applied once only.
                if (sequence % 3 == 0)
                {
                    await version.Ingest([batch], new IngestToken("gw-a", sequence));
                }

                Interlocked.Add(ref sent, 10);
            }
        });

        var moves = 0;
        for (var i = 0; i < 6; i++)
        {
            var here = await placement.GetSilo();
            var there = silos.First(s => !s.Equals(here));
            await Eventually.TrueAsync("records arrive between moves", () => Interlocked.Read(ref sent) > (i + 1) * 50);
            // A move that cannot complete (the target refused it) leaves the version active somewhere: asked again.
            await Eventually.TrueAsync($"the version moves to {there}", async () =>
                !await placement.MoveTo(there) || (await placement.GetSilo()).Equals(there));
            moves++;
        }

        await stop.CancelAsync();
        await ingest;

        Assert.Equal(6, moves);
        Assert.Equal(Interlocked.Read(ref sent), (await version.GetSummary(60)).TotalRequests);
        Assert.False(await placement.MoveTo(await placement.GetSilo()));
    }

    [Fact]
    public async Task A_moved_version_keeps_its_last_drift_report_and_its_alert_free_state()
    {
        const string key = "fraud/moving-drift";
        var version = _cluster.Client.GetGrain<IModelVersionGrain>(key);
        var placement = _cluster.Client.GetGrain<IVersionPlacementGrain>(key);
        var random = new Random(3);
        Assert.True((await version.SetReference(new ReferenceData
        {
            Features = [ReferenceColumn.Numeric("x", [.. Enumerable.Range(0, 300).Select(_ => random.NextDouble())])],
            Source = "json",
        })).Accepted);
        await version.Ingest([Batch(key, 200, random)], new IngestToken("gw-a", 1));
        await version.EvaluateDrift();
        _time.Advance(TimeSpan.FromMinutes(1));
        var before = (await version.GetHealth()).Drift!;

        // Without new records the drift timer does not evaluate again: a report dated now could only be a new one.
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(before.EvaluatedAt, (await version.GetHealth()).Drift!.EvaluatedAt);

        var here = await placement.GetSilo();
        var there = _cluster.Silos.Select(s => s.SiloAddress).First(s => !s.Equals(here));
        Assert.True(await placement.MoveTo(there));
        await Eventually.TrueAsync("the version moves", async () => (await placement.GetSilo()).Equals(there));

        // The report evaluated before the move is answered after it, not one evaluated anew on arrival.
        var health = await version.GetHealth();
        Assert.Equal(before.EvaluatedAt, health.Drift!.EvaluatedAt);
        Assert.Equal(200, (await version.GetSummary(60)).TotalRequests);

        // The ingest mark came along: the call retried after the move is not applied again.
        await version.Ingest([Batch(key, 200, random)], new IngestToken("gw-a", 1));
        Assert.Equal(200, (await version.GetSummary(60)).TotalRequests);
        Assert.Equal("ready", (await version.GetReference())!.Status);
    }

    private PredictionBatch Batch(string key, int records, Random? random = null)
    {
        var (model, name) = VersionKey.Parse(key);
        var batch = new TestBatch(model, name);
        for (var i = 0; i < records; i++)
        {
            batch.Add(Now - 1000, 5 + i, features: random is null ? null : new() { ["x"] = random.NextDouble() });
        }

        return batch.Build();
    }
}
