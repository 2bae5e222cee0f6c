namespace Monitor.Statistics;

/// <summary>
/// numpy's default quantile (<c>np.quantile(x, q)</c>, method "linear", type 7 of Hyndman and Fan):
/// the value at virtual index (n - 1) q of the sorted sample, interpolated between its neighbours.
/// The interpolation is written the way numpy writes it (from the nearer end) so results agree to the last digit.
/// </summary>
public static class LinearQuantile
{
    /// <summary>The q-quantile (0 &lt;= q &lt;= 1) of an ascending, NaN-free sample.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("The sample is empty.", nameof(sorted));
        }

        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile must lie in [0, 1].");
        }

        int n = sorted.Length;
        double virtualIndex = (n - 1) * q;
        if (virtualIndex >= n - 1)
        {
            return sorted[n - 1];
        }

        double previous = Math.Floor(virtualIndex);
        int below = (int)previous;
        double gamma = virtualIndex - previous;
        double a = sorted[below];
        double b = sorted[below + 1];
        double diff = b - a;

        // numpy's _lerp: a + diff*t, but b - diff*(1-t) from the midpoint on, so the result is exact at both ends.
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /// <summary>The q-quantile of an unsorted sample (NaN values are not allowed); sorts a copy.</summary>
    public static double Of(ReadOnlySpan<double> values, double q)
    {
        double[] copy = values.ToArray();
        DoubleRadixSort.Sort(copy);
        return OfSorted(copy, q);
    }

    /// <summary>Several quantiles of an ascending sample.</summary>
    public static double[] OfSorted(ReadOnlySpan<double> sorted, ReadOnlySpan<double> qs)
    {
        var result = new double[qs.Length];
        for (int i = 0; i < qs.Length; i++)
        {
            result[i] = OfSorted(sorted, qs[i]);
        }

        return result;
    }
}
