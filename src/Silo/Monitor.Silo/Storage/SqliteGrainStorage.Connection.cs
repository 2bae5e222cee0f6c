using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Monitor.Silo.Storage;

/// <summary>The SQLite connection of <see cref="SqliteGrainStorage"/>: opened on first use, its schema created or checked, closed with a WAL checkpoint.</summary>
public sealed partial class SqliteGrainStorage
{
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

    /// <summary>Bytes the WAL file is truncated to after a checkpoint (SQLite's <c>journal_size_limit</c>).</summary>
    public const long WalSizeLimitBytes = 64L * 1024 * 1024;

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

        // Rows are replaced in place and freed pages reused, so the file stays at its high-water mark; the WAL is cut
        // back to this size after each checkpoint instead of keeping the largest size a burst of writes gave it.
        Execute(connection, $"PRAGMA journal_size_limit={WalSizeLimitBytes.ToString(CultureInfo.InvariantCulture)};");

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

}
