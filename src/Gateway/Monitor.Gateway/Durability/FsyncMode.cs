namespace Monitor.Gateway.Durability;

/// <summary>When the ingest log asks the disk, not just the operating system, to hold what it wrote.</summary>
public enum FsyncMode
{
    /// <summary>Never: an acknowledged record is in the page cache, which survives a crash of the process but not of the machine.</summary>
    None,

    /// <summary>Every <see cref="DurabilityOptions.FsyncInterval"/>: a power loss loses at most that interval.</summary>
    Interval,

    /// <summary>Before each acknowledgement (one fsync per group of concurrent writes): a power loss loses nothing acknowledged.</summary>
    Batch,
}
