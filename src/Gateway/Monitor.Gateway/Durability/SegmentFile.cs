using Microsoft.Win32.SafeHandles;
using Monitor.Silo.Storage;

namespace Monitor.Gateway.Durability;

/// <summary>A segment on disk: appended with positioned writes, no user-space buffer, so a returned write is in the page cache.</summary>
public sealed class SegmentFile : ISegmentFile
{
    private readonly SafeFileHandle _handle;

    public SegmentFile(string path)
    {
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        if (!OperatingSystem.IsWindows())
        {
            // Records hold features and ids: readable by the owner alone, like every other data file.
            File.SetUnixFileMode(_handle, PrivateFiles.FileMode);
        }
    }

    public long Length { get; private set; }

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> pieces)
    {
        // One gathering write (pwritev) of the group's entries, without first copying them into one buffer.
        RandomAccess.Write(_handle, pieces, Length);
        foreach (var piece in pieces)
        {
            Length += piece.Length;
        }
    }

    public void Sync() => RandomAccess.FlushToDisk(_handle);

    public void Dispose() => _handle.Dispose();
}
