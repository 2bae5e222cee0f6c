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

    // A first buffer size that fits a record with a few features, so a call's buffer rarely grows (each growth copies).
    private const int BytesPerRecordGuess = 96;

    /// <summary>
    /// The entry's bytes, serialized once, straight after the frame and header they need (no copy of the records),
    /// into a pooled array the caller gives back by disposing it; the frame is filled in last, over the finished body.
    /// </summary>
    public EncodedEntry Encode(IngestLogEntry entry)
    {
        var key = entry.VersionKey;
        var sender = entry.Token.Sender;
        var head = FrameBytes + 2 + Encoding.UTF8.GetByteCount(key) + 2 + Encoding.UTF8.GetByteCount(sender) + 8;
        var records = 0;
        foreach (var batch in entry.Batches)
        {
            records += batch.Count;
        }

        var buffer = new EncodedEntry(head + 256 + (records * BytesPerRecordGuess));
        var header = buffer.GetSpan(head);
        var at = FrameBytes;
        at += WriteText(header[at..], key);
        at += WriteText(header[at..], sender);
        BinaryPrimitives.WriteInt64LittleEndian(header[at..], entry.Token.Sequence);
        buffer.Advance(head);
        batches.Serialize(entry.Batches, buffer);

        var span = buffer.WrittenSpan;
        var body = span[FrameBytes..];
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Crc32.HashToUInt32(body));
        return buffer;
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

    private static int WriteText(Span<byte> to, string text)
    {
        var length = Encoding.UTF8.GetBytes(text, to[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(to, checked((ushort)length));
        return 2 + length;
    }

    private static string ReadText(ReadOnlySpan<byte> from, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(from[at..]);
        var text = Encoding.UTF8.GetString(from.Slice(at + 2, length));
        at += 2 + length;
        return text;
    }
}
