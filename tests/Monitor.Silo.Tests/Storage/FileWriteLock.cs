using Microsoft.Data.Sqlite;
using Monitor.Silo.Storage;
using Orleans.Storage;

namespace Monitor.Silo.Tests.Storage;

/// <summary>
/// Another connection to a store's file, for tests that need the storage's writer to wait (it holds the file's
/// write lock until released) or a statement to fail (a trigger that aborts writes to one grain's rows).
/// </summary>
public sealed class FileWriteLock : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _held;

    public FileWriteLock(string databasePath)
    {
        _connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        _connection.Open();
    }

    /// <summary>Takes the write lock: the storage's next transaction waits (up to its busy timeout).</summary>
    public void Hold() => _held = _connection.BeginTransaction(deferred: false);

    /// <summary>
    /// Holds the write lock and gives the storage a first write to wait on: what is queued next runs as one group
    /// after <see cref="Release"/>. Returns the first write.
    /// </summary>
    public async Task<Task> StallWriterAsync(SqliteGrainStorage storage)
    {
        Hold();
        var first = storage.WriteStateAsync("stall", GrainId.Create("stall", Guid.NewGuid().ToString("N")), new GrainState<int[]>([]));
        await Eventually.TrueAsync("the writer to take the first write", () => storage.PendingOperations == 0);
        return first;
    }

    public void Release()
    {
        _held?.Rollback();
        _held?.Dispose();
        _held = null;
    }

    /// <summary>Makes every write to the rows of <paramref name="grainId"/> fail, as a full disk would fail a statement.</summary>
    public void RefuseWritesOf(string grainId)
    {
        // A trigger cannot take parameters: the id goes in as a quoted literal.
        var grain = "'" + grainId.Replace("'", "''", StringComparison.Ordinal) + "'";
        using var command = _connection.CreateCommand();
        command.CommandText = $"""
            CREATE TRIGGER refuse_update BEFORE UPDATE ON grain_state WHEN NEW.grain_id = {grain} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            CREATE TRIGGER refuse_insert BEFORE INSERT ON grain_state WHEN NEW.grain_id = {grain} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            """;
        command.ExecuteNonQuery();
    }

    public void AcceptWrites()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS refuse_update; DROP TRIGGER IF EXISTS refuse_insert;";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Release();
        _connection.Dispose();
    }
}
