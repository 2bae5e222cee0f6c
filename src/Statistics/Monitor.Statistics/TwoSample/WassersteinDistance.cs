namespace Monitor.Statistics;

/// <summary>
/// The 1-D Wasserstein-1 (earth mover's) distance between two empirical distributions of any sizes, as
/// <c>scipy.stats.wasserstein_distance(u, v)</c>: the area between the two empirical CDFs.
/// </summary>
public static class WassersteinDistance
{
    /// <summary>The distance between two unsorted samples (NaN is not allowed).</summary>
    public static double Between(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        double[] a = KolmogorovSmirnovTest.SortedCopy(u, nameof(u));
        double[] b = KolmogorovSmirnovTest.SortedCopy(v, nameof(v));
        return SortedSampleComparison.Compare(a, b).Wasserstein;
    }

    /// <summary>The distance between two ascending samples.</summary>
    public static double BetweenSorted(ReadOnlySpan<double> u, ReadOnlySpan<double> v) =>
        SortedSampleComparison.Compare(u, v).Wasserstein;
}
