namespace Monitor.Statistics.Sketches;

/// <summary>
/// Occupied bins of a histogram (ascending bin indices with positive counts) packed into bytes: the first index
/// zigzag-encoded, then each gap to the next index and each count as varints (<see cref="Varint"/>). The bins of a
/// latency sketch sit close together and hold small counts, so a bin takes about two bytes instead of the 8 to 12
/// of an array of counts; the packing is lossless, so everything computed from the bins is unchanged.
/// </summary>
public static class PackedBins
{
    /// <summary>Packs bins given lowest index first; a zero count is skipped.</summary>
    public static byte[] Pack(int bins, Func<int, (int Index, long Count)> bin)
    {
        var packed = new Varint(bins * 2);
        long previous = 0;
        var first = true;
        for (var i = 0; i < bins; i++)
        {
            var (index, count) = bin(i);
            if (count == 0)
            {
                continue;
            }

            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (!first && index <= previous)
            {
                throw new ArgumentException("Bin indices must ascend.", nameof(bin));
            }

            if (first)
            {
                packed.WriteSigned(index);
            }
            else
            {
                packed.Write((ulong)(index - previous));
            }

            packed.Write((ulong)count);
            previous = index;
            first = false;
        }

        return packed.ToArray();
    }

    /// <summary>Visits every packed bin, lowest index first.</summary>
    public static void ForEach(ReadOnlySpan<byte> packed, Action<int, long> visit)
    {
        var reader = new Reader(packed);
        while (reader.Next(out var index, out var count))
        {
            visit(index, count);
        }
    }

    /// <summary>The packed bins in order, without allocating.</summary>
    public ref struct Reader(ReadOnlySpan<byte> packed)
    {
        private Varint.Reader _reader = new(packed);
        private long _index;
        private bool _started;

        public bool Next(out int index, out long count)
        {
            if (_reader.AtEnd)
            {
                (index, count) = (0, 0);
                return false;
            }

            _index = _started ? _index + (long)_reader.Read() : _reader.ReadSigned();
            _started = true;
            index = (int)_index;
            count = (long)_reader.Read();
            return true;
        }
    }
}
