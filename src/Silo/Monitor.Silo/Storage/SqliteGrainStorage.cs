using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Monitor.Silo.Storage;

/// <summary>
/// Grain storage in one SQLite file: one row per (state name, grain id) holding the serialized state
/// and an ETag. Writes are optimistic: a row is replaced only when the caller holds its current ETag,
/// otherwise <see cref="InconsistentStateException"/>.
/// </summary>
/// <remarks>
/// <para>
/// One connection serves every grain. SQLite admits one writer at a time anyway, so operations take
/// turns behind an async gate (a waiting grain yields its thread instead of blocking it); each
/// statement is short (a primary-key lookup or a single-row write), which keeps the turn brief.
/// </para>
/// <para>
/// Durability: every write is a SQLite transaction in WAL mode with <c>synchronous=NORMAL</c>. A killed
/// process loses nothing that was acknowledged; a power cut or OS crash can lose the last commits
/// since the previous WAL checkpoint, never corrupt the file. The WAL is checkpointed into the main
/// file when the silo stops.
/// </para>
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>Schema version kept in <c>PRAGMA user_version</c>.</summary>
    public const int SchemaVersion = 1;

    private const string Table = "grain_state";

    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteConnection? _connection;
    private Statements? _statements;
    private bool _disposed;

    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        IActivatorProvider activators,
        TimeProvider time,
        ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _options = options;
        _serializer = options.GrainStorageSerializer
            ?? throw new ArgumentException($"{nameof(options.GrainStorageSerializer)} is not set.", nameof(options));
        _activators = activators;
        _time = time;
        _logger = logger;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => _options.DatabasePath;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), _options.InitStage, OpenAsync, CloseAsync);

    /// <summary>Opens the database and creates its schema. Operations also open it on first use.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureOpen();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checkpoints the WAL into the database file and closes it.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CloseConnection(checkpoint: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = grainId.ToString();
        string? etag;
        byte[]? payload;

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var s = EnsureOpen();
            (etag, payload) = Run(stateName, key, "read", () =>
            {
                s.Bind(s.Select, stateName, key);
                using var reader = s.Select.ExecuteReader();
                if (!reader.Read())
                {
                    return ((string?)null, (byte[]?)null);
                }

                return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
            });
        }
        finally
        {
            _gate.Release();
        }

        grainState.ETag = etag;
        if (payload is { Length: > 0 })
        {
            grainState.State = Deserialize<T>(stateName, key, payload);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = CreateInstance<T>();
            grainState.RecordExists = false;
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = grainId.ToString();
        byte[] payload;
        try
        {
            payload = _serializer.Serialize(grainState.State).ToArray();
        }
        catch (Exception ex)
        {
            LogFailed(ex, "serialize", stateName, key);
            throw new SqliteGrainStorageException($"Could not serialize state '{stateName}' of grain {key} with {_serializer.GetType().Name}: {ex.Message}", ex);
        }

        var expected = grainState.ETag;
        var next = NewETag();

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var s = EnsureOpen();
            var changed = Run(stateName, key, "write", () =>
            {
                var command = expected is null ? s.Insert : s.Update;
                s.Bind(command, stateName, key);
                command.Parameters["$etag"].Value = next;
                command.Parameters["$payload"].Value = payload;
                command.Parameters["$updated"].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (expected is not null)
                {
                    command.Parameters["$expected"].Value = expected;
                }

                return command.ExecuteNonQuery();
            });

            if (changed == 0)
            {
                throw Conflict("write", stateName, key, expected, StoredETag(s, stateName, key));
            }
        }
        finally
        {
            _gate.Release();
        }

        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = grainId.ToString();
        var expected = grainState.ETag;
        string? next = _options.DeleteStateOnClear ? null : NewETag();

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var s = EnsureOpen();
            var ok = Run(stateName, key, "clear", () =>
            {
                if (_options.DeleteStateOnClear)
                {
                    if (expected is null)
                    {
                        // Nothing was read: clearing is consistent only if there is nothing to clear.
                        return StoredETag(s, stateName, key) is null;
                    }

                    s.Bind(s.Delete, stateName, key);
                    s.Delete.Parameters["$expected"].Value = expected;
                    return s.Delete.ExecuteNonQuery() == 1;
                }

                var command = expected is null ? s.Insert : s.Update;
                s.Bind(command, stateName, key);
                command.Parameters["$etag"].Value = next;
                command.Parameters["$payload"].Value = DBNull.Value;
                command.Parameters["$updated"].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
                if (expected is not null)
                {
                    command.Parameters["$expected"].Value = expected;
                }

                return command.ExecuteNonQuery() == 1;
            });

            if (!ok)
            {
                throw Conflict("clear", stateName, key, expected, StoredETag(s, stateName, key));
            }
        }
        finally
        {
            _gate.Release();
        }

        grainState.ETag = next;
        grainState.State = CreateInstance<T>();
        grainState.RecordExists = false;
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            CloseConnection(checkpoint: true);
            _disposed = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private Statements EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_statements is not null)
        {
            return _statements;
        }

        var path = _options.DatabasePath;
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                PrivateFiles.EnsureDirectory(directory);
            }

            // SQLite creates the -wal and -shm files with the database file's mode: 0600 for all three;
            // those an earlier version left wider are narrowed.
            PrivateFiles.EnsureFile(path);
            PrivateFiles.NarrowIfExists(path + "-wal");
            PrivateFiles.NarrowIfExists(path + "-shm");

            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                // The provider holds its connection for its lifetime; pooling would keep the file open after close.
                Pooling = false,
                DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
            }.ToString();

            var connection = new SqliteConnection(connectionString);
            connection.Open();
            try
            {
                InitializeSchema(connection);
                _statements = new Statements(connection);
                _connection = connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            LogOpenFailed(ex, _name, path);
            throw new SqliteGrainStorageException($"SQLite grain storage '{_name}' could not open {path}: {ex.Message}", ex);
        }

        LogOpened(_name, path);
        return _statements;
    }

    private void InitializeSchema(SqliteConnection connection)
    {
        var busyMs = ((long)_options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        Execute(connection, $"PRAGMA busy_timeout={busyMs};");

        var journal = Scalar(connection, "PRAGMA journal_mode=WAL;");
        if (!string.Equals(journal as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqliteGrainStorageException($"SQLite grain storage '{_name}' could not switch {connection.DataSource} to WAL journal mode (got '{journal}').");
        }

        Execute(connection, "PRAGMA synchronous=NORMAL;");

        var version = Convert.ToInt64(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new SqliteGrainStorageException(
                $"{connection.DataSource} has grain storage schema {version}, newer than this build's {SchemaVersion}; use a newer Monitor or another file.");
        }

        using var transaction = connection.BeginTransaction();
        Execute(connection, $"""
            CREATE TABLE IF NOT EXISTS {Table} (
                state_name TEXT    NOT NULL,
                grain_id   TEXT    NOT NULL,
                etag       TEXT    NOT NULL,
                payload    BLOB,
                updated_ms INTEGER NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            PRAGMA user_version={SchemaVersion};
            """, transaction);
        transaction.Commit();
    }

    private void CloseConnection(bool checkpoint)
    {
        var connection = _connection;
        if (connection is null)
        {
            return;
        }

        _statements?.Dispose();
        _statements = null;
        _connection = null;
        try
        {
            if (checkpoint)
            {
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
        }
        catch (SqliteException ex)
        {
            LogCheckpointFailed(ex, _name);
        }
        finally
        {
            connection.Dispose();
        }
    }

    private static string? StoredETag(Statements s, string stateName, string key)
    {
        s.Bind(s.SelectETag, stateName, key);
        return s.SelectETag.ExecuteScalar() as string;
    }

    private TResult Run<TResult>(string stateName, string key, string operation, Func<TResult> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            LogFailed(ex, operation, stateName, key);
            throw new SqliteGrainStorageException(
                $"SQLite grain storage '{_name}' failed to {operation} state '{stateName}' of grain {key}: {ex.Message}", ex);
        }
    }

    private T Deserialize<T>(string stateName, string key, byte[] payload)
    {
        try
        {
            return _serializer.Deserialize<T>(new BinaryData(payload))!;
        }
        catch (Exception ex)
        {
            LogFailed(ex, "deserialize", stateName, key);
            throw new SqliteGrainStorageException(
                $"Stored state '{stateName}' of grain {key} could not be read as {typeof(T).Name} with {_serializer.GetType().Name}: {ex.Message}", ex);
        }
    }

    private InconsistentStateException Conflict(string operation, string stateName, string key, string? expected, string? stored) =>
        new($"ETag mismatch on {operation} of state '{stateName}' of grain {key} in SQLite grain storage '{_name}': held {expected ?? "none"}, stored {stored ?? "none"}.",
            stored ?? string.Empty, expected ?? string.Empty);

    private T CreateInstance<T>() => _activators.GetActivator<T>().Create();

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage {Name} opened {Path}")]
    private partial void LogOpened(string name, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite grain storage {Name} could not open {Path}")]
    private partial void LogOpenFailed(Exception exception, string name, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain storage {Name} could not checkpoint its WAL on close")]
    private partial void LogCheckpointFailed(Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite grain storage failed to {Operation} state {StateName} of grain {GrainId}")]
    private partial void LogFailed(Exception exception, string operation, string stateName, string grainId);

    /// <summary>Prepared statements of one connection; used only behind the gate.</summary>
    private sealed class Statements : IDisposable
    {
        public Statements(SqliteConnection connection)
        {
            Select = Prepare(connection, $"SELECT etag, payload FROM {Table} WHERE state_name = $state AND grain_id = $grain;");
            SelectETag = Prepare(connection, $"SELECT etag FROM {Table} WHERE state_name = $state AND grain_id = $grain;");
            Insert = Prepare(connection,
                $"INSERT INTO {Table} (state_name, grain_id, etag, payload, updated_ms) VALUES ($state, $grain, $etag, $payload, $updated) " +
                "ON CONFLICT (state_name, grain_id) DO NOTHING;",
                "$etag", "$payload", "$updated");
            Update = Prepare(connection,
                $"UPDATE {Table} SET etag = $etag, payload = $payload, updated_ms = $updated " +
                "WHERE state_name = $state AND grain_id = $grain AND etag = $expected;",
                "$etag", "$payload", "$updated", "$expected");
            Delete = Prepare(connection,
                $"DELETE FROM {Table} WHERE state_name = $state AND grain_id = $grain AND etag = $expected;",
                "$expected");
        }

        public SqliteCommand Select { get; }
        public SqliteCommand SelectETag { get; }
        public SqliteCommand Insert { get; }
        public SqliteCommand Update { get; }
        public SqliteCommand Delete { get; }

        public void Bind(SqliteCommand command, string stateName, string grainId)
        {
            command.Parameters["$state"].Value = stateName;
            command.Parameters["$grain"].Value = grainId;
        }

        public void Dispose()
        {
            Select.Dispose();
            SelectETag.Dispose();
            Insert.Dispose();
            Update.Dispose();
            Delete.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$state", SqliteType.Text);
            command.Parameters.Add("$grain", SqliteType.Text);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter, parameter == "$payload" ? SqliteType.Blob : parameter == "$updated" ? SqliteType.Integer : SqliteType.Text);
            }

            command.Prepare();
            return command;
        }
    }
}
