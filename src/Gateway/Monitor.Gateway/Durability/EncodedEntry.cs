using System.Buffers;

namespace Monitor.Gateway.Durability;

/// <summary>
/// One log entry's bytes in an array rented from the shared pool: the writer gives the array back once the entry
/// is written, so an ingest call's entry costs no allocation of its size (before, each call's entry was a new
/// array, copied into a bigger one each time the serializer outgrew the first guess).
/// </summary>
public sealed class EncodedEntry : IBufferWriter<byte>, IDisposable
{
    private byte[]? _array;
    private int _written;

    public EncodedEntry(int sizeHint) => _array = ArrayPool<byte>.Shared.Rent(sizeHint);

    /// <summary>The bytes written so far; not to be used after <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Bytes => Array.AsMemory(0, _written);

    public int Length => _written;

    /// <summary>The written bytes, for filling in a header once the rest is written.</summary>
    public Span<byte> WrittenSpan => Array.AsSpan(0, _written);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(EncodedEntry));

    /// <summary>A copy of the bytes (an array of its own, for a reader's tests or a file).</summary>
    public byte[] ToArray() => Bytes.ToArray();

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return Array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return Array.AsSpan(_written);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Reserve(int sizeHint)
    {
        var array = Array;
        var needed = Math.Max(sizeHint, 1);
        if (array.Length - _written >= needed)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(array.Length * 2, _written + needed));
        array.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(array);
        _array = bigger;
    }
}
