using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;
using Orleans.Serialization;

namespace Monitor.Gateway.Durability;

/// <summary>
/// The bytes of one log entry: a frame of magic, body length and CRC-32 of the body, then the body (version key,
/// token, records in Orleans' version-tolerant encoding). The CRC tells a whole entry from one cut off by a crash
/// in the middle of its write, or from the zeros a file system may leave after a power loss.
/// </summary>
public sealed class IngestLogFormat(Serializer<PredictionBatch[]> batches)
{
    public const uint Magic = 0x314C574D; // "MWL1"
    public const int FrameBytes = 12;

    // Far above any entry the gateway writes (a call carries at most 50,000 records); a larger length is damage.
    public const int MaxBodyBytes = 512 * 1024 * 1024;

    public byte[] Encode(IngestLogEntry entry)
    {
        var records = batches.SerializeToArray(entry.Batches);
        var key = Encoding.UTF8.GetBytes(entry.VersionKey);
        var sender = Encoding.UTF8.GetBytes(entry.Token.Sender);
        var bodyLength = 2 + key.Length + 2 + sender.Length + 8 + records.Length;
        var bytes = new byte[FrameBytes + bodyLength];
        var body = bytes.AsSpan(FrameBytes);
        var at = 0;
        at += WriteText(body[at..], key);
        at += WriteText(body[at..], sender);
        BinaryPrimitives.WriteInt64LittleEndian(body[at..], entry.Token.Sequence);
        at += 8;
        records.CopyTo(body[at..]);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bodyLength);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), Crc32.HashToUInt32(body));
        return bytes;
    }

    /// <summary>The body length a frame announces, or null when the frame is not one this log wrote.</summary>
    public static int? BodyLength(ReadOnlySpan<byte> frame)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(frame) != Magic)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(frame[4..]);
        return length is > 20 and <= MaxBodyBytes ? length : null;
    }

    /// <summary>The entry of a whole frame and body, or null when the body does not match its CRC.</summary>
    public IngestLogEntry? Decode(ReadOnlySpan<byte> frame, byte[] body)
    {
        if (Crc32.HashToUInt32(body) != BinaryPrimitives.ReadUInt32LittleEndian(frame[8..]))
        {
            return null;
        }

        var span = body.AsSpan();
        var at = 0;
        var key = ReadText(span, ref at);
        var sender = ReadText(span, ref at);
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        at += 8;
        var records = batches.Deserialize(body.AsMemory(at)) ?? [];
        return new IngestLogEntry(key, new IngestToken(sender, sequence), records);
    }

    private static int WriteText(Span<byte> to, byte[] text)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(to, checked((ushort)text.Length));
        text.CopyTo(to[2..]);
        return 2 + text.Length;
    }

    private static string ReadText(ReadOnlySpan<byte> from, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(from[at..]);
        var text = Encoding.UTF8.GetString(from.Slice(at + 2, length));
        at += 2 + length;
        return text;
    }
}
