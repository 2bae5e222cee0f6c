using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Versions;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Silo;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests.Checkpoints;

/// <summary>
/// Versions activated together checkpoint spread over the interval, not all at once: each version's first
/// checkpoint comes at its own point of the interval (<see cref="TimerPhase"/>), and every one within the interval.
/// </summary>
public sealed class CheckpointSpreadTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Versions = 200;
    private const int Slices = 10;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private CoreRowWrites _writes = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:Windows:CheckpointInterval"] = Interval.ToString("c"),
            ["Monitor:Registry:MaxVersions"] = $"{Versions}",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(_time);
            silo.AddMemoryGrainStorage("underlying");
            silo.Services.AddKeyedSingleton<IGrainStorage>(MonitorStorage.Name, (services, _) =>
                _writes = new CoreRowWrites(services.GetRequiredKeyedService<IGrainStorage>("underlying")));
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
    public void Phases_of_a_thousand_versions_cover_the_interval_evenly()
    {
        var dues = Enumerable.Range(0, 1000).Select(k => TimerPhase.FirstDue(VersionKey.Of($"m{k % 100}", $"v{k / 100}"), Interval)).ToList();
        Assert.All(dues, due => Assert.InRange(due, TimeSpan.FromTicks(1), Interval));
        var perSlice = dues.GroupBy(due => Slice(due)).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(" ", Enumerable.Range(1, Slices).Select(s => perSlice.GetValueOrDefault(s))));

        // 100 per tenth if uniform; a version's phase is the same every time.
        Assert.All(Enumerable.Range(1, Slices), s => Assert.InRange(perSlice.GetValueOrDefault(s), 70, 130));
        Assert.Equal(dues[17], TimerPhase.FirstDue(VersionKey.Of("m17", "v0"), Interval));
    }

    [Fact]
    public async Task Versions_activated_together_write_their_checkpoints_spread_over_the_interval()
    {
        var keys = Enumerable.Range(0, Versions).Select(k => VersionKey.Of("spread", $"v{k}")).ToList();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var key in keys)
        {
            var batch = new TestBatch(VersionKey.Parse(key).Model, VersionKey.Parse(key).Version).Add(now - 1000, 12).Build();
            await _cluster.Client.GetGrain<IModelVersionGrain>(key).Ingest([batch]);
        }

        Assert.Equal(0, _writes.Count);

        // The clock moves through one interval a tenth at a time: each tenth brings exactly the versions whose phase falls in it.
        var perSlice = new int[Slices + 1];
        for (var slice = 1; slice <= Slices; slice++)
        {
            _time.Advance(Interval / Slices);
            var expected = keys.Count(key => Slice(TimerPhase.FirstDue(key, Interval)) <= slice);
            await Eventually.TrueAsync($"the checkpoints due by tenth {slice} ({expected})", () => _writes.Count == expected);
            perSlice[slice] = expected - perSlice.Take(slice).Sum();
        }

        output.WriteLine($"checkpoints per tenth of the interval: {string.Join(" ", perSlice.Skip(1))}");
        Assert.Equal(Versions, _writes.Count);
        Assert.True(perSlice.Max() <= 2 * Versions / Slices, $"at most twice the even share in a tenth: {string.Join(" ", perSlice.Skip(1))}");
        Assert.True(perSlice.Skip(1).Count(n => n > 0) >= Slices - 1, "checkpoints in (nearly) every tenth");
    }

    private static int Slice(TimeSpan due) => (int)Math.Ceiling(due.Ticks / (double)(Interval.Ticks / Slices));

    /// <summary>Counts the versions' core-row writes (one per committed checkpoint) on their way to the storage.</summary>
    private sealed class CoreRowWrites(IGrainStorage inner) : IGrainStorage
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            if (stateName == CheckpointStore.CoreRow)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
