namespace Monitor.Gateway.Durability;

/// <summary>A segment file being appended to (a real file, or a test double that can hold up writes).</summary>
public interface ISegmentFile : IDisposable
{
    long Length { get; }

    /// <summary>Appends the pieces, in order, with one write: once it returns they are in the operating system's page cache.</summary>
    void Append(IReadOnlyList<ReadOnlyMemory<byte>> pieces);

    /// <summary>fsync: the bytes appended so far are on the disk.</summary>
    void Sync();
}
