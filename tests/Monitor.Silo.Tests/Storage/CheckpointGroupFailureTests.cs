using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Silo.Storage;
using Orleans.Serialization;
using Orleans.Storage;

namespace Monitor.Silo.Tests.Storage;

/// <summary>
/// Many versions' checkpoints share the SQLite storage's transactions. When one such transaction fails (here a
/// statement of one version's page write is refused), none of its rows are stored and every waiter hears the
/// failure: versions whose core row was in it, and versions whose pages were, all keep their previous checkpoint
/// whole, and their next checkpoint commits whole.
/// </summary>
public sealed class CheckpointGroupFailureTests : IDisposable
{
    private const int Versions = 12;
    private const int Pages = 3;
    private const string Family = "test.page";
    private readonly TempDirectory _dir = new("monitor-sqlite-checkpoints");
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task A_failed_transaction_leaves_every_version_in_it_with_a_whole_checkpoint_and_fails_all_their_commits()
    {
        var storage = NewStorage();
        var stores = Enumerable.Range(0, Versions).Select(v => new CoreGate(new GrainWindowStore(storage, Version(v)))).ToArray();
        var checkpoints = new CheckpointStore[Versions];
        for (var v = 0; v < Versions; v++)
        {
            checkpoints[v] = await CheckpointStore.OpenAsync(stores[v]);
        }

        await Task.WhenAll(Enumerable.Range(0, Versions).Select(v => Checkpoint(checkpoints[v], v, attempt: 1)));

        // Versions 0-5 store their next pages, then their core rows wait; versions 6-11 have pages only.
        var corePending = Enumerable.Range(0, Versions / 2).ToArray();
        var pagesPending = Enumerable.Range(Versions / 2, Versions / 2).ToArray();
        using var file = new FileWriteLock(storage.DatabasePath);
        file.RefuseWritesOf(Version(pagesPending[2]).ToString());
        foreach (var v in corePending)
        {
            stores[v].Close();
        }

        var commits = new Task[Versions];
        foreach (var v in corePending)
        {
            commits[v] = Checkpoint(checkpoints[v], v, attempt: 2);
        }

        await Eventually.TrueAsync("the pages to be stored and the core rows to wait", () => corePending.All(v => stores[v].Waiting));

        // One group: the waiting core rows and the other versions' pages, one of which is refused.
        var first = await file.StallWriterAsync(storage);
        try
        {
            foreach (var v in corePending)
            {
                stores[v].Open();
            }

            foreach (var v in pagesPending)
            {
                commits[v] = Checkpoint(checkpoints[v], v, attempt: 2);
            }

            await Eventually.TrueAsync("the core rows and pages to queue", () => storage.PendingOperations == corePending.Length + (pagesPending.Length * Pages));
        }
        finally
        {
            file.Release();
        }

        await first;
        foreach (var commit in commits)
        {
            var failure = await Assert.ThrowsAsync<SqliteGrainStorageException>(() => commit);
            Assert.Contains("stored none of them", failure.Message, StringComparison.Ordinal);
        }

        // As a restart finds them: each version holds its first checkpoint, every page of it.
        await AssertRestored(generation: 1, attempt: 1);

        // The same activations go on; their next checkpoint commits whole (versions 0-5 first find that their
        // core write did not land).
        file.AcceptWrites();
        await Task.WhenAll(Enumerable.Range(0, Versions).Select(v => Checkpoint(checkpoints[v], v, attempt: 3)));
        await AssertRestored(generation: 2, attempt: 3);
    }

    private static GrainId Version(int v) => GrainId.Create("modelversion", $"group/v{v}");

    private static async Task Checkpoint(CheckpointStore checkpoint, int version, int attempt)
    {
        var writes = await checkpoint.BeginAsync();
        for (var slot = 0; slot < Pages; slot++)
        {
            writes.Page(Family, slot, new[] { version, attempt, slot });
        }

        await checkpoint.CommitAsync(writes);
    }

    private async Task AssertRestored(long generation, int attempt)
    {
        var storage = NewStorage();
        for (var v = 0; v < Versions; v++)
        {
            var restored = await CheckpointStore.OpenAsync(new GrainWindowStore(storage, Version(v)));
            Assert.Equal(generation, restored.Core.Generation);
            for (var slot = 0; slot < Pages; slot++)
            {
                Assert.Equal([v, attempt, slot], (await restored.ReadAsync<int[]>(Family, slot))!);
            }
        }
    }

    private SqliteGrainStorage NewStorage()
    {
        var collection = new ServiceCollection();
        collection.AddSerializer(b => b.AddAssembly(typeof(CheckpointCore).Assembly));
        collection.AddLogging();
        collection.AddSqliteGrainStorage("test", o => o.Directory = _dir.Path);
        var provider = collection.BuildServiceProvider();
        _providers.Add(provider);
        return (SqliteGrainStorage)provider.GetRequiredKeyedService<IGrainStorage>("test");
    }

    /// <summary>A version's rows, whose core row write can be made to wait until the test opens the gate.</summary>
    private sealed class CoreGate(IWindowPageStore inner) : IWindowPageStore
    {
        private volatile TaskCompletionSource? _gate;
        private volatile bool _waiting;

        public bool Waiting => _waiting;

        public void Close() => _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open()
        {
            var gate = _gate;
            _gate = null;
            gate?.TrySetResult();
        }

        public Task<T?> ReadAsync<T>(string name)
            where T : class => inner.ReadAsync<T>(name);

        public async Task WriteAsync<T>(string name, T value)
            where T : class
        {
            if (name == CheckpointStore.CoreRow && _gate is { } gate)
            {
                _waiting = true;
                await gate.Task;
                _waiting = false;
            }

            await inner.WriteAsync(name, value);
        }
    }
}
