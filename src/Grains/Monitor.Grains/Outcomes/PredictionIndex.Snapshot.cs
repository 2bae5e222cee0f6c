using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monitor.Grains.Outcomes;

/// <summary>The index packed for storage and rebuilt from it.</summary>
public sealed partial class PredictionIndex
{
    // Format 2 adds the segment cells column; format 1 (without it) is still read, its predictions in no segment.
    private const int PackFormat = 2;
    private const int FormatWithoutSegments = 1;

    /// <summary>A copy of the index for storage: the ring packed oldest first, the counters and the filter.</summary>
    public PredictionIndexSnapshot Snapshot()
    {
        var n = _count;
        var packed = new byte[(4 * sizeof(int)) + (n * ((4 * sizeof(long)) + (2 * sizeof(int)) + sizeof(uint)))];
        var header = MemoryMarshal.Cast<byte, int>(packed.AsSpan(0, 4 * sizeof(int)));
        header[0] = PackFormat;
        header[1] = n;
        var offset = 4 * sizeof(int);
        offset = PackColumn<ulong>(_keys, packed, offset);
        offset = PackColumn<long>(_times, packed, offset);
        offset = PackColumn<double>(_confidences, packed, offset);
        offset = PackColumn<double>(_numbers, packed, offset);
        offset = PackColumn<int>(_classes, packed, offset);
        offset = PackColumn<int>(_flags, packed, offset);
        PackColumn<uint>(_segments, packed, offset);
        return new PredictionIndexSnapshot
        {
            Capacity = _capacity,
            HorizonMs = _horizonMs,
            Packed = packed,
            EvictedByCap = _evictedByCap,
            EvictedByHorizon = _evictedByHorizon,
            EvictedByBudget = _evictedByBudget,
            ReplacedIds = _replaced,
            Evicted = _evicted?.Copy(),
        };
    }

    /// <summary>The index a snapshot was taken of, its lookup table rebuilt.</summary>
    public static PredictionIndex Restore(PredictionIndexSnapshot snapshot)
    {
        var index = new PredictionIndex(snapshot.Capacity, TimeSpan.FromMilliseconds(snapshot.HorizonMs))
        {
            _evictedByCap = snapshot.EvictedByCap,
            _evictedByHorizon = snapshot.EvictedByHorizon,
            _evictedByBudget = snapshot.EvictedByBudget,
            _replaced = snapshot.ReplacedIds,
            _evicted = snapshot.Evicted,
        };
        index.Unpack(snapshot.Packed);
        index._slots = index.Rebuild();
        return index;
    }

    private int PackColumn<T>(T[] column, byte[] packed, int offset)
        where T : unmanaged
    {
        var target = MemoryMarshal.Cast<byte, T>(packed.AsSpan(offset, _count * Unsafe.SizeOf<T>()));
        var first = Math.Min(_count, column.Length - _head);
        column.AsSpan(_head, first).CopyTo(target);
        column.AsSpan(0, _count - first).CopyTo(target[first..]);
        return offset + target.Length * Unsafe.SizeOf<T>();
    }

    private void Unpack(byte[] packed)
    {
        var header = MemoryMarshal.Cast<byte, int>(packed.AsSpan(0, 4 * sizeof(int)));
        if (header[0] is not (PackFormat or FormatWithoutSegments))
        {
            throw new InvalidOperationException($"The stored join index has format {header[0]}; this build reads formats {FormatWithoutSegments} and {PackFormat}.");
        }

        var n = header[1];
        var length = (int)Math.Min(_capacity, Math.Max(InitialSlots, n));
        _keys = new ulong[length];
        _times = new long[length];
        _confidences = new double[length];
        _numbers = new double[length];
        _classes = new int[length];
        _flags = new int[length];
        _segments = new uint[length];
        var offset = 4 * sizeof(int);
        offset = UnpackColumn(packed, offset, _keys, n);
        offset = UnpackColumn(packed, offset, _times, n);
        offset = UnpackColumn(packed, offset, _confidences, n);
        offset = UnpackColumn(packed, offset, _numbers, n);
        offset = UnpackColumn(packed, offset, _classes, n);
        offset = UnpackColumn(packed, offset, _flags, n);
        if (header[0] == PackFormat)
        {
            UnpackColumn(packed, offset, _segments, n);
        }

        _head = 0;
        _count = n;
    }

    private static int UnpackColumn<T>(byte[] packed, int offset, T[] column, int n)
        where T : unmanaged
    {
        var bytes = n * Unsafe.SizeOf<T>();
        MemoryMarshal.Cast<byte, T>(packed.AsSpan(offset, bytes)).CopyTo(column);
        return offset + bytes;
    }
}
