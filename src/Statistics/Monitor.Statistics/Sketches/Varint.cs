using System.Buffers.Binary;

namespace Monitor.Statistics.Sketches;

/// <summary>
/// A growing byte buffer of unsigned LEB128 varints (small numbers take one byte), zigzag-encoded signed numbers and
/// raw doubles, and the reader of such bytes: the packed forms of sketches and tallies are written with it.
/// </summary>
public sealed class Varint(int capacity = 64)
{
    private byte[] _buffer = new byte[Math.Max(16, capacity)];
    private int _length;

    public void Write(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    public void WriteSigned(long value) => Write(Zigzag(value));

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public static ulong Zigzag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long Unzigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + more, _buffer.Length * 2));
        }
    }

    /// <summary>Reads what a <see cref="Varint"/> wrote, in the same order.</summary>
    public ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public readonly bool AtEnd => _at >= _bytes.Length;

        public ulong Read()
        {
            ulong value = 0;
            var shift = 0;
            while (true)
            {
                var b = _bytes[_at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }

                shift += 7;
            }
        }

        public long ReadSigned() => Unzigzag(Read());

        public ReadOnlySpan<byte> ReadBytes(int length)
        {
            var bytes = _bytes.Slice(_at, length);
            _at += length;
            return bytes;
        }

        public double ReadDouble()
        {
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_bytes[_at..]);
            _at += 8;
            return value;
        }
    }
}
