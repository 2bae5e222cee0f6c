namespace Monitor.Statistics;

/// <summary>
/// Points of a sample's empirical distribution function F(x) = share of values &lt;= x, for drawing it as a step
/// function: every distinct value when there are few, otherwise values at evenly spaced ranks, each with its exact F.
/// </summary>
public sealed record EcdfPoints(double[] Values, double[] Shares)
{
    /// <summary>About <paramref name="maxPoints"/> points (at most one more) of an ascending, NaN-free sample; none for an empty one.</summary>
    public static EcdfPoints Of(ReadOnlySpan<double> sorted, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        int n = sorted.Length;
        var values = new List<double>(Math.Min(n, maxPoints));
        var shares = new List<double>(values.Capacity);
        int i = 0;
        while (i < n)
        {
            // The last index holding this value: F jumps to (last + 1) / n there, whatever the ties.
            int last = i;
            while (last + 1 < n && sorted[last + 1] == sorted[i])
            {
                last++;
            }

            values.Add(sorted[i]);
            shares.Add((double)(last + 1) / n);

            // Evenly spaced ranks: the next point is at least n / maxPoints values further on; the maximum is always kept.
            int next = (int)Math.Ceiling((double)values.Count * n / maxPoints) - 1;
            i = last + 1;
            if (next > i && i < n)
            {
                i = Math.Min(next, n - 1);
            }
        }

        return new EcdfPoints([.. values], [.. shares]);
    }
}
