namespace Monitor.Statistics;

/// <summary>
/// The two-sided two-sample Kolmogorov-Smirnov test, identical to <c>scipy.stats.ks_2samp</c> (scipy 1.10):
/// statistic, method choice, exact lattice-path p-values with scipy's snapping of the statistic to the
/// lattice, the fallback to the asymptotic p-value when the exact one fails, and the asymptotic p-value as
/// the one-sample Kolmogorov distribution at round(n1 n2 / (n1 + n2)).
/// </summary>
public static class KolmogorovSmirnovTest
{
    /// <summary>Up to this many values per sample, Auto computes the exact p-value.</summary>
    public const int MaxAutoExactSize = 10000;

    /// <summary>Tests two unsorted samples (copied and sorted; NaN is not allowed).</summary>
    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> x, ReadOnlySpan<double> y, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        double[] a = SortedCopy(x, nameof(x));
        double[] b = SortedCopy(y, nameof(y));
        return TwoSampleSorted(a, b, method);
    }

    /// <summary>Tests two ascending, NaN-free samples.</summary>
    public static KolmogorovSmirnovResult TwoSampleSorted(ReadOnlySpan<double> x, ReadOnlySpan<double> y, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        SortedSampleComparison comparison = SortedSampleComparison.Compare(x, y);
        return FromComparison(comparison, method);
    }

    /// <summary>The result from a merge already made (drift evaluation shares it with other tests).</summary>
    public static KolmogorovSmirnovResult FromComparison(in SortedSampleComparison comparison, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto) =>
        Evaluate(comparison.KolmogorovSmirnovStatistic, comparison.ReferenceSize, comparison.CurrentSize, method);

    /// <summary>The p-value of statistic <paramref name="d"/> for sizes n1 and n2; the returned statistic is the one scipy reports.</summary>
    public static KolmogorovSmirnovResult Evaluate(double d, int n1, int n2, KolmogorovSmirnovMethod method = KolmogorovSmirnovMethod.Auto)
    {
        if (n1 <= 0 || n2 <= 0)
        {
            throw new ArgumentException("Both samples must be non-empty.");
        }

        int g = GreatestCommonDivisor(n1, n2);
        int n1g = n1 / g;
        int n2g = n2 / g;
        KolmogorovSmirnovMethod mode = method;
        if (mode == KolmogorovSmirnovMethod.Auto)
        {
            mode = Math.Max(n1, n2) <= MaxAutoExactSize ? KolmogorovSmirnovMethod.Exact : KolmogorovSmirnovMethod.Asymptotic;
        }
        else if (mode == KolmogorovSmirnovMethod.Exact && n1g >= int.MaxValue / (double)n2g)
        {
            // lcm(n1, n2) too large for the lattice.
            mode = KolmogorovSmirnovMethod.Asymptotic;
        }

        double p = double.NaN;
        if (mode == KolmogorovSmirnovMethod.Exact && !KolmogorovSmirnovExact.TryPValue(n1, n2, g, ref d, out p))
        {
            mode = KolmogorovSmirnovMethod.Asymptotic;
        }

        if (mode == KolmogorovSmirnovMethod.Asymptotic)
        {
            double m = Math.Max(n1, n2);
            double n = Math.Min(n1, n2);
            double effective = m * n / (m + n);
            p = KolmogorovDistribution.Sf((int)Math.Round(effective, MidpointRounding.ToEven), d);
        }

        return new KolmogorovSmirnovResult(d, Math.Clamp(p, 0, 1), mode);
    }

    internal static double[] SortedCopy(ReadOnlySpan<double> values, string name)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("The sample is empty.", name);
        }

        double[] copy = values.ToArray();
        foreach (double v in copy)
        {
            if (double.IsNaN(v))
            {
                throw new ArgumentException("The sample contains NaN; remove missing values first.", name);
            }
        }

        DoubleRadixSort.Sort(copy);
        return copy;
    }

    internal static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
