using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monitor.Statistics;

/// <summary>The index over a tied reference's distinct values: counting a window per value without sorting it.</summary>
public sealed partial class ReferenceRankIndex
{
    /// <summary>
    /// For an index built over distinct values (a tied reference's levels): adds each window value equal to a
    /// level to that level's count in <paramref name="hits"/> and copies the others to <paramref name="unseen"/>,
    /// in input order, returning how many there were. One branch-free pass: on rounded or integer data nearly
    /// every value is a level, so the window never needs sorting and the pooled cells follow from the counts.
    /// </summary>
    /// <param name="values">NaN-free window values, any order.</param>
    /// <param name="hits">At least as long as the index; cleared here.</param>
    /// <param name="unseen">At least as long as <paramref name="values"/>.</param>
    public int CountLevels(ReadOnlySpan<double> values, Span<int> hits, Span<double> unseen)
    {
        int levels = Sorted.Length;
        if (HasTies || hits.Length < levels || unseen.Length < values.Length)
        {
            throw new ArgumentException("The index must hold distinct values, hits one entry per value and unseen room for every window value.");
        }

        Span<int> counts = hits[..levels];
        counts.Clear();
        ref double padded = ref MemoryMarshal.GetArrayDataReference(_padded);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(_bucketStart);
        ref int count = ref MemoryMarshal.GetReference(counts);
        ref double other = ref MemoryMarshal.GetReference(unseen);
        double min = _min, scale = _scale;
        int lastBucket = _buckets - 1;
        int u = 0;
        for (int j = 0; j < values.Length; j++)
        {
            double y = values[j];
            int c = CountBelow(y, ref padded, ref starts, min, scale, lastBucket, regular: true);
            // Past the last level the padding is +infinity, which a window value of +infinity must not match.
            int level = (uint)c < (uint)levels && Unsafe.Add(ref padded, c) == y ? 1 : 0;
            Unsafe.Add(ref count, Math.Min(c, levels - 1)) += level;
            Unsafe.Add(ref other, u) = y;
            u += 1 - level;
        }

        return u;
    }
}
