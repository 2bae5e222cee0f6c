using Orleans.Storage;

namespace Monitor.Silo.Storage;

/// <summary>Options of <see cref="SqliteGrainStorage"/>, the single-node mode's durable grain store.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Default directory of the database file, relative to the working directory.</summary>
    public const string DefaultDirectory = "./data";

    /// <summary>Default name of the database file.</summary>
    public const string DefaultFileName = "monitor.db";

    /// <summary>Directory that holds the database file; created when missing.</summary>
    public string Directory { get; set; } = DefaultDirectory;

    /// <summary>Name of the database file inside <see cref="Directory"/>.</summary>
    public string FileName { get; set; } = DefaultFileName;

    /// <summary>
    /// When true (the default) clearing a grain's state deletes its row; when false the row is kept
    /// with no payload and a fresh ETag, so a clear is visible to a stale writer as a conflict.
    /// </summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>How long a statement waits for a lock held by another process on the same file.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most operations in one transaction. The writer takes everything queued while its last transaction ran, up to
    /// this many; more waits for the next one.
    /// </summary>
    public int MaxGroupOperations { get; set; } = 256;

    /// <summary>Silo lifecycle stage at which the database is opened (and, on stop, checkpointed and closed).</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>
    /// Serializer of the state payload. When left null it is the <see cref="IGrainStorageSerializer"/>
    /// registered under this provider's name if any, otherwise Orleans' own version-tolerant binary
    /// serializer (<see cref="OrleansGrainStorageSerializer"/>) — never the silo-wide JSON default.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = default!;

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(Directory, FileName));
}
