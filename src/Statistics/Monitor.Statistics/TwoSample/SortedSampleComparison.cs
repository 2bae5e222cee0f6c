namespace Monitor.Statistics;

/// <summary>
/// What one merge of two ascending samples says about their difference: the extreme gaps between the
/// empirical CDFs (Kolmogorov-Smirnov), the squared rank deviations (Cramér-von Mises) and the area between
/// the CDFs (Wasserstein-1). Drift evaluation needs all three, and doing them in one pass over the sorted
/// reference and window is what makes it cheap. Gaps are kept as exact integers i*n2 - j*n1.
/// </summary>
public readonly struct SortedSampleComparison
{
    public int ReferenceSize { get; init; }
    public int CurrentSize { get; init; }

    /// <summary>max over values of i*n2 - j*n1, where i and j count the reference and current values at or below it.</summary>
    public long MaxScaledGap { get; init; }
    public int MaxGapReferenceCount { get; init; }
    public int MaxGapCurrentCount { get; init; }

    /// <summary>min over values of i*n2 - j*n1.</summary>
    public long MinScaledGap { get; init; }
    public int MinGapReferenceCount { get; init; }
    public int MinGapCurrentCount { get; init; }

    /// <summary>Anderson's U: n1 * sum (rank - index)^2 over the reference plus n2 * the same over the current, with midranks for ties.</summary>
    public double RankDeviation { get; init; }

    /// <summary>Integral of |i*n2 - j*n1| over the real line; divided by n1*n2 it is the Wasserstein-1 distance.</summary>
    public double ScaledArea { get; init; }

    /// <summary>The two-sided KS statistic, computed as scipy computes it (cdf1 - cdf2 in floating point at the extremes).</summary>
    public double KolmogorovSmirnovStatistic
    {
        get
        {
            double maxS = (double)MaxGapReferenceCount / ReferenceSize - (double)MaxGapCurrentCount / CurrentSize;
            double minS = Math.Clamp(-((double)MinGapReferenceCount / ReferenceSize - (double)MinGapCurrentCount / CurrentSize), 0, 1);
            return minS > maxS ? minS : maxS;
        }
    }

    public double Wasserstein => ScaledArea / ((double)ReferenceSize * CurrentSize);

    /// <summary>Merges two ascending, NaN-free, non-empty samples.</summary>
    public static SortedSampleComparison Compare(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        int n1 = reference.Length;
        int n2 = current.Length;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples must be non-empty.");
        }

        long maxGap = long.MinValue, minGap = long.MaxValue;
        int maxI = 0, maxJ = 0, minI = 0, minJ = 0;
        double sumReference = 0, sumCurrent = 0, area = 0;
        int i = 0, j = 0;

        // The value of the next group; the loop keeps it so each element is read about once.
        double v = reference[0] <= current[0] ? reference[0] : current[0];
        while (true)
        {
            int i0 = i, j0 = j;
            while (i < n1 && reference[i] == v)
            {
                i++;
            }

            while (j < n2 && current[j] == v)
            {
                j++;
            }

            int tiedReference = i - i0;
            int tiedCurrent = j - j0;
            if (tiedReference + tiedCurrent == 1)
            {
                // No tie: a reference value's rank exceeds its index by the current values below it, and vice versa.
                if (tiedReference == 1)
                {
                    sumReference += (double)j0 * j0;
                }
                else
                {
                    sumCurrent += (double)i0 * i0;
                }
            }
            else
            {
                double midrank = i0 + j0 + (tiedReference + tiedCurrent + 1) * 0.5;
                for (int k = 1; k <= tiedReference; k++)
                {
                    double d = midrank - (i0 + k);
                    sumReference += d * d;
                }

                for (int k = 1; k <= tiedCurrent; k++)
                {
                    double d = midrank - (j0 + k);
                    sumCurrent += d * d;
                }
            }

            long gap = (long)i * n2 - (long)j * n1;
            if (gap > maxGap)
            {
                maxGap = gap;
                maxI = i;
                maxJ = j;
            }

            if (gap < minGap)
            {
                minGap = gap;
                minI = i;
                minJ = j;
            }

            double next;
            if (i < n1)
            {
                next = j < n2 && current[j] < reference[i] ? current[j] : reference[i];
            }
            else if (j < n2)
            {
                next = current[j];
            }
            else
            {
                break;
            }

            area += Math.Abs(gap) * (next - v);
            v = next;
        }

        return new SortedSampleComparison
        {
            ReferenceSize = n1,
            CurrentSize = n2,
            MaxScaledGap = maxGap,
            MaxGapReferenceCount = maxI,
            MaxGapCurrentCount = maxJ,
            MinScaledGap = minGap,
            MinGapReferenceCount = minI,
            MinGapCurrentCount = minJ,
            RankDeviation = n1 * sumReference + n2 * sumCurrent,
            ScaledArea = area,
        };
    }
}
