using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monitor.Statistics;

/// <summary>
/// Sorts doubles by their bit patterns with a least-significant-digit radix sort. Drift evaluation sorts
/// every window column on every evaluation; for the thousands of values a window holds this is several
/// times faster than a comparison sort because it does a fixed number of branch-free passes.
/// The order is the IEEE total order for finite values and infinities (-0.0 sorts before +0.0); callers
/// remove NaN first.
/// </summary>
public static class DoubleRadixSort
{
    // Below this size the histogram overhead outweighs the gain and introsort wins.
    private const int SmallSize = 192;

    /// <summary>Sorts <paramref name="values"/> in place; <paramref name="scratch"/> must be at least as long.</summary>
    public static void Sort(Span<double> values, Span<double> scratch)
    {
        int n = values.Length;
        if (n < SmallSize)
        {
            values.Sort();
            return;
        }

        if (scratch.Length < n)
        {
            throw new ArgumentException("The scratch buffer is shorter than the values.", nameof(scratch));
        }

        Span<ulong> keys = MemoryMarshal.Cast<double, ulong>(values);
        Span<ulong> buffer = MemoryMarshal.Cast<double, ulong>(scratch[..n]);

        // Radix passes cover only the high 32 bits (sign, exponent, 20 mantissa bits): half the passes of a full
        // sort. Keys equal in those bits are rare in real data and are finished by a comparison sort of each run.
        Span<int> counts = stackalloc int[4 * 256];
        counts.Clear();
        for (int i = 0; i < n; i++)
        {
            ulong k = ToKey(keys[i]);
            keys[i] = k;
            counts[(int)((k >> 32) & 0xFF)]++;
            counts[256 + (int)((k >> 40) & 0xFF)]++;
            counts[512 + (int)((k >> 48) & 0xFF)]++;
            counts[768 + (int)(k >> 56)]++;
        }

        Span<ulong> source = keys;
        Span<ulong> target = buffer;
        for (int pass = 0; pass < 4; pass++)
        {
            Span<int> histogram = counts.Slice(pass * 256, 256);
            int shift = 32 + pass * 8;

            // A byte that is the same in every key (common in the exponent bytes) needs no pass.
            if (histogram[(int)((source[0] >> shift) & 0xFF)] == n)
            {
                continue;
            }

            int offset = 0;
            for (int b = 0; b < 256; b++)
            {
                int c = histogram[b];
                histogram[b] = offset;
                offset += c;
            }

            for (int i = 0; i < n; i++)
            {
                ulong k = source[i];
                target[histogram[(int)((k >> shift) & 0xFF)]++] = k;
            }

            Span<ulong> swap = source;
            source = target;
            target = swap;
        }

        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(keys)))
        {
            source.CopyTo(keys);
        }

        // Finish runs that agree in the high 32 bits by the full key, then map keys back to doubles.
        int start = 0;
        while (start < n)
        {
            ulong high = keys[start] >> 32;
            int end = start + 1;
            while (end < n && keys[end] >> 32 == high)
            {
                end++;
            }

            if (end - start > 1)
            {
                keys[start..end].Sort();
            }

            start = end;
        }

        for (int i = 0; i < n; i++)
        {
            keys[i] = FromKey(keys[i]);
        }
    }

    /// <summary>Sorts in place, renting its own scratch buffer.</summary>
    public static void Sort(Span<double> values)
    {
        if (values.Length < SmallSize)
        {
            values.Sort();
            return;
        }

        double[] scratch = System.Buffers.ArrayPool<double>.Shared.Rent(values.Length);
        try
        {
            Sort(values, scratch);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(scratch);
        }
    }

    // Negative numbers: flip every bit (larger magnitude sorts first); positive: set the sign bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToKey(ulong bits) => bits ^ (ulong)((long)bits >> 63 | unchecked((long)0x8000_0000_0000_0000));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FromKey(ulong key) => key ^ (((key >> 63) - 1) | 0x8000_0000_0000_0000);
}
