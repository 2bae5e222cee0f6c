namespace Monitor.Gateway.Durability;

/// <summary>
/// Reads one segment file entry by entry. A last entry cut off part-way (a crash during its write) ends the
/// segment: what follows it was never acknowledged, so the reader reports it and stops rather than fail.
/// </summary>
public sealed class IngestLogReader(IngestLogFormat format)
{
    public SegmentRead Read(string path)
    {
        var entries = new List<IngestLogEntry>();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var frame = new byte[IngestLogFormat.FrameBytes];
        long offset = 0;
        while (true)
        {
            var got = file.ReadAtLeast(frame, frame.Length, throwOnEndOfStream: false);
            if (got == 0)
            {
                return new SegmentRead(entries, null);
            }

            if (got < frame.Length || IngestLogFormat.BodyLength(frame) is not { } length)
            {
                return new SegmentRead(entries, new TornEntry(offset, file.Length - offset));
            }

            var body = new byte[length];
            if (file.ReadAtLeast(body, length, throwOnEndOfStream: false) < length || format.Decode(frame, body) is not { } entry)
            {
                return new SegmentRead(entries, new TornEntry(offset, file.Length - offset));
            }

            entries.Add(entry);
            offset += frame.Length + length;
        }
    }
}

/// <summary>The whole entries of a segment, and where it ends in a torn entry if it does.</summary>
public sealed record SegmentRead(IReadOnlyList<IngestLogEntry> Entries, TornEntry? Torn);

/// <summary>The unreadable end of a segment: its offset and how many bytes were skipped.</summary>
public sealed record TornEntry(long Offset, long Bytes);
