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
/// One connection serves every grain, driven by one writer thread of the storage's own: a grain serializes its
/// state on its own turn, queues the operation and awaits it. The writer takes what is queued, in order, and runs
/// it as one SQLite transaction (group commit): the operations that arrive while a transaction runs share the next
/// one, so many versions' checkpoints cost a few transactions instead of one each, and no grain thread waits on
/// SQLite. Each operation keeps its own outcome (an ETag conflict refuses that write alone); a transaction that
/// fails stores none of its operations, and every one of them gets the failure.
/// </para>
/// <para>
/// Durability: WAL mode with <c>synchronous=NORMAL</c>. A killed process loses nothing that was acknowledged
/// (an operation is acknowledged only once its transaction committed); a power cut or OS crash can lose the last
/// commits since the previous WAL checkpoint, never corrupt the file. The WAL is checkpointed into the main file
/// when the silo stops.
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

    // Used by the writer thread only (and by Dispose once that thread has ended).
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
    public Task OpenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Enqueue(new ConnectionOperation(storage => storage.EnsureOpen()));
    }

    /// <summary>Checkpoints the WAL into the database file and closes it (a later operation opens it again).</summary>
    public Task CloseAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_queueGate)
        {
            if (_stopping)
            {
                return Task.CompletedTask; // disposed: closed already
            }
        }

        return Enqueue(new ConnectionOperation(storage => storage.CloseConnection(checkpoint: true)));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = new ReadOperation(stateName, grainId.ToString());
        await Enqueue(read).ConfigureAwait(false);

        grainState.ETag = read.ETag;
        if (read.Payload is { Length: > 0 } payload)
        {
            grainState.State = Deserialize<T>(stateName, read.Key, payload);
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

        cancellationToken.ThrowIfCancellationRequested();
        var write = new WriteOperation(stateName, key, grainState.ETag, NewETag(), payload);
        await Enqueue(write).ConfigureAwait(false);

        grainState.ETag = write.Next;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = grainId.ToString();
        Operation clear = _options.DeleteStateOnClear
            ? new DeleteOperation(stateName, key, grainState.ETag)
            : new WriteOperation(stateName, key, grainState.ETag, NewETag(), payload: null);
        await Enqueue(clear).ConfigureAwait(false);

        grainState.ETag = (clear as WriteOperation)?.Next;
        grainState.State = CreateInstance<T>();
        grainState.RecordExists = false;
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static string? StoredETag(Statements s, string stateName, string key)
    {
        s.Bind(s.SelectETag, stateName, key);
        return s.SelectETag.ExecuteScalar() as string;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite grain storage {Name}: a transaction of {Count} operations failed and stored none of them")]
    private partial void LogGroupFailed(Exception exception, string name, int count);
}
