using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Silo.Storage;
using Orleans.Serialization;
using Orleans.Storage;

namespace Monitor.Silo.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string Name = "test";
    private readonly TempDirectory _dir = new("monitor-sqlite");
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _dir.Dispose();
    }

    private static GrainId Grain(string key) => GrainId.Create("counter", key);

    private string DatabasePath => Path.Combine(_dir.Path, SqliteGrainStorageOptions.DefaultFileName);

    private SqliteGrainStorage NewStorage(Action<SqliteGrainStorageOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSerializer();
        collection.AddLogging();
        services?.Invoke(collection);
        collection.AddSqliteGrainStorage(Name, o =>
        {
            o.Directory = _dir.Path;
            configure?.Invoke(o);
        });
        var provider = collection.BuildServiceProvider();
        _providers.Add(provider);
        return (SqliteGrainStorage)provider.GetRequiredKeyedService<IGrainStorage>(Name);
    }

    private static GrainState<CounterState> State(int count, string? note = null, params double[] values) =>
        new(new CounterState { Count = count, Note = note, Values = [.. values] });

    private long RowCount()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM grain_state;";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Reading_a_missing_state_gives_a_fresh_instance_and_no_etag()
    {
        var storage = NewStorage();
        var state = new GrainState<CounterState>();

        await storage.ReadStateAsync("counter", Grain("a"), state);

        Assert.NotNull(state.State);
        Assert.Equal(0, state.State!.Count);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_written_state_reads_back_from_another_instance_on_the_same_file()
    {
        var storage = NewStorage();
        var written = State(7, "seven", 1.5, double.NaN, -0.0);
        await storage.WriteStateAsync("counter", Grain("a"), written);
        await storage.CloseAsync();

        var read = new GrainState<CounterState>();
        await NewStorage().ReadStateAsync("counter", Grain("a"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(7, read.State!.Count);
        Assert.Equal("seven", read.State!.Note);
        Assert.Equal([1.5, double.NaN, -0.0], read.State!.Values);
        Assert.True(double.IsNegative(read.State!.Values[2]));
    }

    [Fact]
    public async Task Every_write_gets_a_new_etag()
    {
        var storage = NewStorage();
        var state = State(1);

        await storage.WriteStateAsync("counter", Grain("a"), state);
        var first = state.ETag;
        state.State!.Count = 2;
        await storage.WriteStateAsync("counter", Grain("a"), state);

        Assert.NotNull(first);
        Assert.NotNull(state.ETag);
        Assert.NotEqual(first, state.ETag);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var storage = NewStorage();
        var mine = State(1);
        await storage.WriteStateAsync("counter", Grain("a"), mine);

        var theirs = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain("a"), theirs);
        theirs.State!.Count = 100;
        await storage.WriteStateAsync("counter", Grain("a"), theirs);

        var staleETag = mine.ETag;
        mine.State!.Count = 2;
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain("a"), mine));
        Assert.Equal(staleETag, ex.CurrentEtag);
        Assert.Equal(theirs.ETag, ex.StoredEtag);
        Assert.Equal(staleETag, mine.ETag);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain("a"), read);
        Assert.Equal(100, read.State!.Count);
    }

    [Fact]
    public async Task A_first_write_over_an_existing_row_is_a_conflict()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("counter", Grain("a"), State(1));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain("a"), State(2)));
    }

    [Fact]
    public async Task Clearing_deletes_the_row_and_a_later_write_starts_afresh()
    {
        var storage = NewStorage();
        var state = State(5, "x", 1);
        await storage.WriteStateAsync("counter", Grain("a"), state);
        await storage.WriteStateAsync("counter", Grain("b"), State(6));
        Assert.Equal(2, RowCount());

        await storage.ClearStateAsync("counter", Grain("a"), state);

        Assert.Equal(1, RowCount());
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State!.Count);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain("a"), read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);

        state.State!.Count = 9;
        await storage.WriteStateAsync("counter", Grain("a"), state);
        await storage.ReadStateAsync("counter", Grain("a"), read);
        Assert.Equal(9, read.State!.Count);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_a_conflict()
    {
        var storage = NewStorage();
        var mine = State(1);
        await storage.WriteStateAsync("counter", Grain("a"), mine);
        var stale = new GrainState<CounterState> { State = mine.State, ETag = mine.ETag };
        await storage.WriteStateAsync("counter", Grain("a"), mine);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("counter", Grain("a"), stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.ClearStateAsync("counter", Grain("a"), new GrainState<CounterState>()));
        Assert.Equal(1, RowCount());
    }

    [Fact]
    public async Task Clearing_a_state_that_was_never_written_succeeds()
    {
        var storage = NewStorage();
        var state = new GrainState<CounterState>();

        await storage.ClearStateAsync("counter", Grain("a"), state);

        Assert.Null(state.ETag);
        Assert.Equal(0, RowCount());
    }

    [Fact]
    public async Task Without_delete_on_clear_the_row_is_kept_empty_with_a_new_etag()
    {
        var storage = NewStorage(o => o.DeleteStateOnClear = false);
        var state = State(3);
        await storage.WriteStateAsync("counter", Grain("a"), state);
        var stale = new GrainState<CounterState> { State = State(4).State, ETag = state.ETag };

        await storage.ClearStateAsync("counter", Grain("a"), state);

        Assert.Equal(1, RowCount());
        Assert.NotNull(state.ETag);
        Assert.NotEqual(stale.ETag, state.ETag);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain("a"), read);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(0, read.State!.Count);

        // A writer that missed the clear is refused; the clearer can write again.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", Grain("a"), stale));
        state.State!.Count = 8;
        await storage.WriteStateAsync("counter", Grain("a"), state);
        await storage.ReadStateAsync("counter", Grain("a"), read);
        Assert.Equal(8, read.State!.Count);
    }

    [Fact]
    public async Task State_names_and_grain_ids_key_separate_rows()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("counter", Grain("a"), State(1));
        await storage.WriteStateAsync("other", Grain("a"), State(2));
        await storage.WriteStateAsync("counter", GrainId.Create("counter2", "a"), State(3));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain("a"), read);
        Assert.Equal(1, read.State!.Count);
        await storage.ReadStateAsync("other", Grain("a"), read);
        Assert.Equal(2, read.State!.Count);
        await storage.ReadStateAsync("counter", GrainId.Create("counter2", "a"), read);
        Assert.Equal(3, read.State!.Count);
        Assert.Equal(3, RowCount());
    }

    [Fact]
    public async Task Concurrent_writers_on_many_grains_all_land()
    {
        var storage = NewStorage();
        const int grains = 32, writes = 25;

        await Task.WhenAll(Enumerable.Range(0, grains).Select(g => Task.Run(async () =>
        {
            var state = new GrainState<CounterState>();
            await storage.ReadStateAsync("counter", Grain($"g{g}"), state);
            for (var i = 0; i < writes; i++)
            {
                state.State!.Count++;
                state.State!.Values.Add(i);
                await storage.WriteStateAsync("counter", Grain($"g{g}"), state);
            }
        })));

        var reader = NewStorage();
        for (var g = 0; g < grains; g++)
        {
            var read = new GrainState<CounterState>();
            await reader.ReadStateAsync("counter", Grain($"g{g}"), read);
            Assert.Equal(writes, read.State!.Count);
            Assert.Equal(writes, read.State!.Values.Count);
        }
    }

    [Fact]
    public async Task Of_concurrent_writers_holding_the_same_etag_exactly_one_wins()
    {
        var storage = NewStorage();
        var initial = State(0);
        await storage.WriteStateAsync("counter", Grain("a"), initial);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 16).Select(i => Task.Run(async () =>
        {
            var state = new GrainState<CounterState> { State = new CounterState { Count = i }, ETag = initial.ETag };
            try
            {
                await storage.WriteStateAsync("counter", Grain("a"), state);
                return i;
            }
            catch (InconsistentStateException)
            {
                return 0;
            }
        })));

        var winner = Assert.Single(outcomes, o => o != 0);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain("a"), read);
        Assert.Equal(winner, read.State!.Count);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_and_checkpointed_on_close()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("counter", Grain("a"), State(1));

        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", command.ExecuteScalar() as string);
        }

        await storage.CloseAsync();

        var wal = new FileInfo(DatabasePath + "-wal");
        Assert.True(!wal.Exists || wal.Length == 0);

        // Closed storage reopens on the next use.
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain("a"), read);
        Assert.Equal(1, read.State!.Count);
    }

    [Fact]
    public async Task The_directory_is_created_when_missing()
    {
        var nested = Path.Combine(_dir.Path, "a", "b");
        var storage = NewStorage(o => o.Directory = nested);

        await storage.WriteStateAsync("counter", Grain("a"), State(1));

        Assert.True(File.Exists(Path.Combine(nested, SqliteGrainStorageOptions.DefaultFileName)));
        Assert.Equal(Path.Combine(nested, SqliteGrainStorageOptions.DefaultFileName), storage.DatabasePath);
    }

    [Fact]
    public async Task A_file_with_a_newer_schema_is_refused()
    {
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version={SqliteGrainStorage.SchemaVersion + 1};";
            command.ExecuteNonQuery();
        }

        var ex = await Assert.ThrowsAsync<SqliteGrainStorageException>(() => NewStorage().OpenAsync());
        Assert.Contains("newer", ex.Message);
    }

    [Fact]
    public async Task A_payload_that_does_not_deserialize_is_reported_with_the_grain()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("counter", Grain("a"), State(1));
        await storage.CloseAsync();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE grain_state SET payload = x'FFFFFFFF';";
            command.ExecuteNonQuery();
        }

        var ex = await Assert.ThrowsAsync<SqliteGrainStorageException>(() =>
            storage.ReadStateAsync("counter", Grain("a"), new GrainState<CounterState>()));
        Assert.Contains("counter/a", ex.Message);
    }

    [Fact]
    public void The_payload_serializer_defaults_to_orleans_binary()
    {
        var storage = NewStorage();
        var options = _providers[^1].GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SqliteGrainStorageOptions>>().Get(Name);

        Assert.IsType<OrleansGrainStorageSerializer>(options.GrainStorageSerializer);
        Assert.NotNull(storage);
    }

    [Fact]
    public void A_serializer_registered_under_the_provider_name_or_set_in_options_is_used()
    {
        var keyed = new JsonGrainStorageSerializer(new OrleansJsonSerializer(Microsoft.Extensions.Options.Options.Create(new OrleansJsonSerializerOptions())));
        NewStorage(services: s => s.AddKeyedSingleton<IGrainStorageSerializer>(Name, keyed));
        Assert.Same(keyed, _providers[^1].GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SqliteGrainStorageOptions>>().Get(Name).GrainStorageSerializer);

        var explicitOne = new JsonGrainStorageSerializer(new OrleansJsonSerializer(Microsoft.Extensions.Options.Options.Create(new OrleansJsonSerializerOptions())));
        NewStorage(o => o.GrainStorageSerializer = explicitOne, s => s.AddKeyedSingleton<IGrainStorageSerializer>(Name, keyed));
        Assert.Same(explicitOne, _providers[^1].GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SqliteGrainStorageOptions>>().Get(Name).GrainStorageSerializer);
    }

    [Fact]
    public async Task A_state_written_by_an_older_shape_reads_into_a_newer_one()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("counter", Grain("a"), new GrainState<CounterStateV0>(new CounterStateV0 { Count = 4 }));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", Grain("a"), read);

        Assert.Equal(4, read.State!.Count);
        Assert.Null(read.State!.Note);
    }
}

/// <summary>An earlier shape of <see cref="CounterState"/>: only its first member.</summary>
[GenerateSerializer, Alias("monitor.tests.CounterStateV0")]
public sealed class CounterStateV0
{
    [Id(0)] public int Count { get; set; }
}
