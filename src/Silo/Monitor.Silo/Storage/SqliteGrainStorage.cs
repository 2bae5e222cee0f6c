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
}
