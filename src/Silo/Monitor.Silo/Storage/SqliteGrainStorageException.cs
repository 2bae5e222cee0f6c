namespace Monitor.Silo.Storage;

/// <summary>A grain state could not be read, written or cleared in the SQLite store.</summary>
[GenerateSerializer, Alias("monitor.SqliteGrainStorageException")]
public sealed class SqliteGrainStorageException : Exception
{
    public SqliteGrainStorageException()
    {
    }

    public SqliteGrainStorageException(string message)
        : base(message)
    {
    }

    public SqliteGrainStorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
