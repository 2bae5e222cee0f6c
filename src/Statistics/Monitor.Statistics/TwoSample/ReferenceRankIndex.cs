using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monitor.Statistics;

/// <summary>
/// An index over a sorted reference that answers "how many reference values are below y" in a few steps
/// without data-dependent branches: values are bucketed uniformly over the reference range (two buckets per
/// reference value), and a branch-free search of at most four values finishes inside the bucket (a crowded
/// bucket falls back to binary search). With that count for every window value, the window is sorted by a
/// counting sort (the counts are its order relative to the reference) and KS, Cramér-von Mises and Wasserstein
/// follow in branch-free passes: the merge of two interleaved sorted samples, whose every step would be a
/// mispredicted branch, disappears.
/// </summary>
public sealed partial class ReferenceRankIndex
{
    private const int Probe = 4;
    private readonly double[] _padded;   // the reference followed by Probe + 1 copies of +infinity
    private readonly int[] _bucketStart; // reference values in earlier buckets
    private readonly double _min;
    private readonly double _max;
    private readonly double _scale;
    private readonly int _buckets;

    public ReferenceRankIndex(double[] sorted)
    {
        Sorted = sorted;
        int n = sorted.Length;
        if (n == 0)
        {
            throw new ArgumentException("The reference is empty.", nameof(sorted));
        }

        _padded = new double[n + Probe + 1];
        sorted.CopyTo(_padded, 0);
        _padded.AsSpan(n).Fill(double.PositiveInfinity);
        _min = sorted[0];
        _max = sorted[^1];
        _buckets = Math.Max(1, 2 * n);
        double range = _max - _min;
        _scale = range > 0 && double.IsFinite(range) ? _buckets / range : 0;
        _bucketStart = new int[_buckets + 1];
        if (_scale == 0)
        {
            // A constant (or unbounded) reference: one bucket holds everything; searches fall back to bisection.
            _bucketStart.AsSpan(1).Fill(n);
        }
        else
        {
            var counts = new int[_buckets + 1];
            foreach (double v in sorted)
            {
                counts[Bucket(v) + 1]++;
            }

            for (int b = 1; b <= _buckets; b++)
            {
                _bucketStart[b] = _bucketStart[b - 1] + counts[b];
            }
        }

        HasTies = false;
        for (int i = 1; i < n; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                HasTies = true;
                break;
            }
        }
    }

    public double[] Sorted { get; }

    /// <summary>Whether some value occurs more than once in the reference.</summary>
    public bool HasTies { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Bucket(double v)
    {
        int b = (int)((v - _min) * _scale);
        return b >= _buckets ? _buckets - 1 : b;
    }

    /// <summary>Number of reference values strictly below <paramref name="y"/> (y is not NaN).</summary>
    public int CountBelow(double y)
    {
        ref double a = ref MemoryMarshal.GetArrayDataReference(_padded);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(_bucketStart);
        return CountBelow(y, ref a, ref starts, _min, _scale, _buckets - 1);
    }

    // Values outside the range clamp to the first or last bucket, where the probes or the bisection still give
    // the right count (the padding is +infinity), so the common path has no range branches.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CountBelow(double y, ref double a, ref int starts, double min, double scale, int lastBucket, bool regular = false)
    {
        double t = (y - min) * scale;
        int b = t <= 0 ? 0 : t >= lastBucket ? lastBucket : (int)t;
        int lo = Unsafe.Add(ref starts, b);
        int size = Unsafe.Add(ref starts, b + 1) - lo;
        if (size > Probe)
        {
            return LowerBound(lo, lo + size, y);
        }

        // Values past the bucket are above y (later buckets, or the +infinity padding), so four probes suffice.
        int c = lo;
        // For values in random order (x ? 1 : 0) << 1, not x ? 2 : 0, which the JIT compiles to a branch mispredicted
        // half the time. On a regular grid of levels (rounded data) the branch is predicted and cheaper.
        c += regular ? (Unsafe.Add(ref a, c + 1) < y ? 2 : 0) : (Unsafe.Add(ref a, c + 1) < y ? 1 : 0) << 1;
        c += Unsafe.Add(ref a, c) < y ? 1 : 0;
        c += Unsafe.Add(ref a, c) < y ? 1 : 0;
        return c;
    }

    // From about this size the index and the window no longer stay in cache between features, and ranking values
    // in random order costs a cache miss each; sorting first makes every access to the index sequential.
    private const int LargeWindow = 4096;

    private bool SortThenCompare(ReadOnlySpan<double> values, Span<double> sorted, Span<double> scratch, Span<int> ranks, out SortedSampleComparison comparison)
    {
        int n1 = Sorted.Length;
        int n2 = values.Length;
        Span<double> output = sorted[..n2];
        values.CopyTo(output);
        DoubleRadixSort.Sort(output, scratch);

        comparison = default;
        if (HasTies)
        {
            return false;
        }

        Span<int> below = ranks[..n2];
        ref double padded = ref MemoryMarshal.GetArrayDataReference(_padded);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(_bucketStart);
        double min = _min, scale = _scale;
        int lastBucket = _buckets - 1;
        bool tie = false;
        double previous = double.NaN;
        for (int j = 0; j < n2; j++)
        {
            double y = output[j];
            int c = CountBelow(y, ref padded, ref starts, min, scale, lastBucket);
            below[j] = c;
            tie |= y == previous | Unsafe.Add(ref padded, c) == y;
            previous = y;
        }

        if (tie)
        {
            return false;
        }

        comparison = SortedSampleComparison.FromRanks(_padded.AsSpan(0, n1), output, below);
        return true;
    }

    private int LowerBound(int lo, int hi, double y)
    {
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Sorted[mid] < y)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// Sorts <paramref name="values"/> (NaN-free) into <paramref name="sorted"/> and, when no value occurs twice
    /// in either sample or in both, returns the comparison with the reference. With ties it returns false; the
    /// output is still sorted, for the general merge.
    /// </summary>
    /// <param name="scratch">Scratch of at least values.Length (it may be the memory of <paramref name="values"/>).</param>
    /// <param name="ranks">Scratch of at least twice values.Length.</param>
    /// <param name="histogram">Scratch of at least reference length + 2.</param>
    public bool TrySortAndCompare(ReadOnlySpan<double> values, Span<double> sorted, Span<double> scratch, Span<int> ranks, Span<int> histogram, out SortedSampleComparison comparison)
    {
        int n1 = Sorted.Length;
        int n2 = values.Length;
        comparison = default;
        if (n2 == 0)
        {
            return false;
        }

        if (n2 >= LargeWindow)
        {
            return SortThenCompare(values, sorted, scratch, ranks, out comparison);
        }

        Span<int> counts = histogram[..(n1 + 2)];
        counts.Clear();
        Span<int> below = ranks[..n2];
        Span<int> sortedBelow = ranks.Slice(n2, n2);
        ref double padded = ref MemoryMarshal.GetArrayDataReference(_padded);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(_bucketStart);
        double min = _min, scale = _scale;
        int lastBucket = _buckets - 1;
        // A tie with the reference is the reference value at the rank; ties within the window are found by the
        // insertion pass below, where equal values end up next to each other.
        bool tie = false;
        for (int j = 0; j < n2; j++)
        {
            double y = values[j];
            int c = CountBelow(y, ref padded, ref starts, min, scale, lastBucket);
            below[j] = c;
            counts[c + 1]++;
            tie |= Unsafe.Add(ref padded, c) == y;
        }

        // Counting sort by rank relative to the reference; values sharing a rank lie in one reference gap.
        for (int c = 1; c <= n1 + 1; c++)
        {
            counts[c] += counts[c - 1];
        }

        Span<double> output = sorted[..n2];
        for (int j = 0; j < n2; j++)
        {
            int c = below[j];
            int position = counts[c]++;
            output[position] = values[j];
            sortedBelow[position] = c;
        }

        // Order within each gap by insertion (gaps hold one or two values on average); ranks are equal within a gap.
        for (int j = 1; j < n2; j++)
        {
            double v = output[j];
            double before = output[j - 1];
            if (v < before)
            {
                int k = j;
                do
                {
                    output[k] = output[k - 1];
                    k--;
                }
                while (k > 0 && output[k - 1] > v);
                output[k] = v;
                before = k > 0 ? output[k - 1] : double.NaN;
            }

            tie |= v == before;
        }

        if (HasTies || tie)
        {
            return false;
        }

        comparison = SortedSampleComparison.FromRanks(_padded.AsSpan(0, n1), output, sortedBelow);
        return true;
    }
}
