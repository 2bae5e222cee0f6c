using Microsoft.Extensions.DependencyInjection;
using Monitor.Silo.Storage;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Monitor.Silo.Tests.Storage;

/// <summary>Grains on an in-process cluster whose default grain storage is a SQLite file.</summary>
public sealed class SqliteGrainStorageClusterTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new("monitor-sqlite-cluster");
    private InProcessTestCluster? _cluster;

    private InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("No cluster running.");

    public Task InitializeAsync() => StartClusterAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    public void Dispose() => _dir.Dispose();

    private async Task StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddSqliteGrainStorageAsDefault(o => o.Directory = _dir.Path));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    private async Task RestartClusterAsync()
    {
        await Cluster.DisposeAsync();
        _cluster = null;
        await StartClusterAsync();
    }

    private IStorageTestGrain Grain(string key) => Cluster.Client.GetGrain<IStorageTestGrain>(key);

    [Fact]
    public async Task State_survives_deactivation()
    {
        var grain = Grain("deactivate");
        await grain.Add(2, "first", 0.5);
        var written = await grain.Add(3, "second", 1.5);

        await Cluster.DeactivateAsync(grain);
        var read = await grain.Get();

        Assert.NotEqual(written.Activation, read.Activation);

        Assert.True(read.RecordExists);
        Assert.Equal(5, read.Count);
        Assert.Equal("second", read.Note);
        Assert.Equal([0.5, 1.5], read.Values);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_cluster_on_the_same_file()
    {
        await Grain("restart-a").Add(41, "kept", 4.25);
        await Grain("restart-b").Add(1, null, -1);

        await RestartClusterAsync();

        var a = await Grain("restart-a").Get();
        Assert.True(a.RecordExists);
        Assert.Equal(41, a.Count);
        Assert.Equal("kept", a.Note);
        Assert.Equal([4.25], a.Values);
        var b = await Grain("restart-b").Add(1, null, -2);
        Assert.Equal(2, b.Count);
        Assert.Equal([-1.0, -2.0], b.Values);
        var fresh = await Grain("restart-never-written").Get();
        Assert.False(fresh.RecordExists);
        Assert.Equal(0, fresh.Count);
    }

    [Fact]
    public async Task State_written_on_deactivation_during_shutdown_is_kept()
    {
        await Grain("checkpoint").Add(1, "saved", 1);
        await Grain("checkpoint").AddUnsaved(10);

        await RestartClusterAsync();

        Assert.Equal(11, (await Grain("checkpoint").Get()).Count);
    }

    [Fact]
    public async Task A_write_behind_the_grains_back_makes_its_next_write_a_conflict()
    {
        var grain = Grain("conflict");
        await grain.Add(1, "mine", 1);

        // Another writer (here: the storage itself) replaces the row, so the activation's ETag is stale.
        var storage = Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var grainId = grain.GetGrainId();
        var theirs = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grainId, theirs);
        theirs.State!.Count = 100;
        theirs.State.Note = "theirs";
        await storage.WriteStateAsync("counter", grainId, theirs);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Add(1, "mine again", 2));

        // A new activation reads the winner.
        await Cluster.DeactivateAsync(grain);
        var read = await grain.Get();
        Assert.Equal(100, read.Count);
        Assert.Equal("theirs", read.Note);
    }

    [Fact]
    public async Task Clearing_removes_the_state_for_good()
    {
        var grain = Grain("clear");
        var written = await grain.Add(7, "gone soon", 3);

        await grain.Clear();
        var afterClear = await grain.Get();
        Assert.False(afterClear.RecordExists);
        Assert.Equal(0, afterClear.Count);
        Assert.Null(afterClear.ETag);

        await Cluster.DeactivateAsync(grain);
        var reactivated = await grain.Get();
        Assert.NotEqual(written.Activation, reactivated.Activation);
        Assert.False(reactivated.RecordExists);
        Assert.Equal(0, reactivated.Count);

        await RestartClusterAsync();
        var afterRestart = await Grain("clear").Get();
        Assert.False(afterRestart.RecordExists);
    }
}
