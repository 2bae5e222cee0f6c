using Microsoft.Extensions.DependencyInjection;
using Monitor.Silo.Storage;
using Orleans.Serialization;
using Orleans.Storage;

namespace Monitor.Silo.Tests.Storage;

/// <summary>
/// Operations queued while the writer is busy run as one transaction: each keeps its own ETag outcome, and a
/// transaction that fails stores none of its operations and fails every one of them.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private const int Rows = 40;
    private readonly TempDirectory _dir = new("monitor-sqlite-group");
    private readonly ServiceProvider _services;
    private readonly SqliteGrainStorage _storage;
    private readonly FileWriteLock _file;

    public SqliteGroupCommitTests()
    {
        var collection = new ServiceCollection();
        collection.AddSerializer();
        collection.AddLogging();
        collection.AddSqliteGrainStorage("test", o => o.Directory = _dir.Path);
        _services = collection.BuildServiceProvider();
        _storage = (SqliteGrainStorage)_services.GetRequiredKeyedService<IGrainStorage>("test");
        _storage.OpenAsync().GetAwaiter().GetResult();
        _file = new FileWriteLock(_storage.DatabasePath);
    }

    public void Dispose()
    {
        _file.Dispose();
        _services.Dispose();
        _dir.Dispose();
    }

    private static GrainId Row(int i) => GrainId.Create("counter", $"r{i}");

    [Fact]
    public async Task Writes_queued_together_share_one_transaction_and_each_keeps_its_own_etag_outcome()
    {
        var states = await WriteEach(count: 1);
        var stale = new GrainState<CounterState>(new CounterState { Count = -1 }) { ETag = "not-the-etag" };

        var (writes, transactions) = await WhileTheWriterWaits(() =>
            [.. states.Select((state, i) => Write(i, state, count: 2)), _storage.WriteStateAsync("counter", Row(0), stale)]);

        Assert.Equal(Rows + 1, writes.Length);
        foreach (var write in writes[..Rows])
        {
            await write;
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => writes[Rows]);
        Assert.Equal(1, transactions);
        Assert.Equal("not-the-etag", stale.ETag);
        for (var i = 0; i < Rows; i++)
        {
            var read = await Read(i);
            Assert.Equal(2, read.State!.Count);
            Assert.Equal(states[i].ETag, read.ETag);
        }
    }

    [Fact]
    public async Task A_failed_transaction_stores_none_of_its_writes_and_every_waiter_gets_the_failure()
    {
        var states = await WriteEach(count: 1);
        var held = states.Select(s => s.ETag).ToArray();
        _file.RefuseWritesOf(Row(Rows / 2).ToString());

        var (writes, transactions) = await WhileTheWriterWaits(() => [.. states.Select((state, i) => Write(i, state, count: 2))]);

        Assert.Equal(1, transactions);
        foreach (var write in writes)
        {
            var failure = await Assert.ThrowsAsync<SqliteGrainStorageException>(() => write);
            Assert.Contains("stored none of them", failure.Message, StringComparison.Ordinal);
        }

        // Nothing of the group landed, and each writer still holds the ETag of what is stored.
        Assert.Equal(held, states.Select(s => s.ETag));
        for (var i = 0; i < Rows; i++)
        {
            var read = await Read(i);
            Assert.Equal(1, read.State!.Count);
            Assert.Equal(held[i], read.ETag);
        }

        // The writer goes on: with the fault gone the same writes land.
        _file.AcceptWrites();
        await Task.WhenAll(states.Select((state, i) => Write(i, state, count: 3)));
        Assert.Equal(3, (await Read(Rows / 2)).State!.Count);
    }

    [Fact]
    public async Task A_read_after_a_write_sees_it_and_reads_queued_with_writes_see_the_writes_before_them()
    {
        var states = await WriteEach(count: 1);

        var (operations, _) = await WhileTheWriterWaits(() => [Write(0, states[0], count: 5), Read(0)]);
        await operations[0];
        Assert.Equal(5, (await (Task<GrainState<CounterState>>)operations[1]).State!.Count);
        Assert.Equal(5, (await Read(0)).State!.Count);
    }

    private async Task<GrainState<CounterState>[]> WriteEach(int count)
    {
        var states = Enumerable.Range(0, Rows).Select(_ => new GrainState<CounterState>(new CounterState())).ToArray();
        await Task.WhenAll(states.Select((state, i) => Write(i, state, count)));
        return states;
    }

    private Task Write(int row, GrainState<CounterState> state, int count)
    {
        state.State!.Count = count;
        return _storage.WriteStateAsync("counter", Row(row), state);
    }

    private async Task<GrainState<CounterState>> Read(int row)
    {
        var state = new GrainState<CounterState>();
        await _storage.ReadStateAsync("counter", Row(row), state);
        return state;
    }

    /// <summary>
    /// Queues <paramref name="start"/>'s operations while the writer waits on a first write, then lets it go:
    /// they run as the next group. Returns them and how many transactions ran after the first write's.
    /// </summary>
    private async Task<(Task[] Operations, long Transactions)> WhileTheWriterWaits(Func<Task[]> start)
    {
        Task first;
        Task[] operations;
        long before;
        try
        {
            first = await _file.StallWriterAsync(_storage);
            before = _storage.Transactions;
            operations = start();
            await Eventually.TrueAsync("the operations to queue", () => _storage.PendingOperations == operations.Length);
        }
        finally
        {
            _file.Release();
        }

        await first;
        await Task.WhenAll(operations.Select(o => o.ContinueWith(_ => { }, TaskScheduler.Default)));
        return (operations, _storage.Transactions - before);
    }
}
