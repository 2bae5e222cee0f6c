using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace Monitor.Benchmarks;

/// <summary>
/// The SQLite grain storage's writes as they were before the grouped writer, kept as the benchmark's baseline:
/// the same file settings and table, each write its own transaction (an autocommit statement), run on the
/// caller's thread behind one async gate. Writes only.
/// </summary>
public sealed class OneTransactionEachStorage : IGrainStorage, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Serializer _serializer;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;

    public OneTransactionEachStorage(string path, Serializer serializer)
    {
        _serializer = serializer;
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=67108864;
                CREATE TABLE IF NOT EXISTS grain_state (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, etag TEXT NOT NULL,
                    payload BLOB, updated_ms INTEGER NOT NULL, PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;
                """;
            setup.ExecuteNonQuery();
        }

        _insert = Prepare("INSERT INTO grain_state VALUES ($state, $grain, $etag, $payload, $updated) ON CONFLICT DO NOTHING;");
        _update = Prepare("UPDATE grain_state SET etag = $etag, payload = $payload, updated_ms = $updated WHERE state_name = $state AND grain_id = $grain AND etag = $expected;");
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.SerializeToArray(grainState.State);
        var next = Guid.NewGuid().ToString("N");
        await _gate.WaitAsync();
        try
        {
            var command = grainState.ETag is null ? _insert : _update;
            command.Parameters["$state"].Value = stateName;
            command.Parameters["$grain"].Value = grainId.ToString();
            command.Parameters["$etag"].Value = next;
            command.Parameters["$payload"].Value = payload;
            command.Parameters["$updated"].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            command.Parameters["$expected"].Value = (object?)grainState.ETag ?? DBNull.Value;
            if (command.ExecuteNonQuery() == 0)
            {
                throw new InconsistentStateException($"ETag mismatch on {stateName} of {grainId}");
            }
        }
        finally
        {
            _gate.Release();
        }

        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();

    public void Dispose()
    {
        _insert.Dispose();
        _update.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "$state", "$grain", "$etag", "$payload", "$updated", "$expected" })
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }
}
