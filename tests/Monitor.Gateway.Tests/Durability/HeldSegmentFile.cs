using Monitor.Gateway.Durability;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>A segment in memory whose writes can be held up (to see concurrent appends share one write) or fail.</summary>
internal sealed class HeldSegmentFile : ISegmentFile
{
    private readonly MemoryStream _bytes = new();

    public ManualResetEventSlim Release { get; } = new(initialState: true);

    public ManualResetEventSlim Writing { get; } = new(initialState: false);

    public int Writes { get; private set; }

    public int Syncs { get; private set; }

    public bool Fail { get; set; }

    public long Length => _bytes.Length;

    public byte[] Bytes => _bytes.ToArray();

    public void Append(IReadOnlyList<ReadOnlyMemory<byte>> pieces)
    {
        Writing.Set();
        Release.Wait();
        if (Fail)
        {
            throw new IOException("No space left on device");
        }

        foreach (var piece in pieces)
        {
            _bytes.Write(piece.Span);
        }

        Writes++;
    }

    public void Sync() => Syncs++;

    public void Dispose()
    {
    }
}
