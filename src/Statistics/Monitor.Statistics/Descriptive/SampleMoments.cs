namespace Monitor.Statistics;

/// <summary>
/// Mean and variance by two passes, which keeps the variance accurate when the mean is large. Values so large that
/// their squares overflow (near ±1e300) are scaled by a power of two first: <see cref="SumOfSquaredDeviations"/> is
/// then in units of 2^(2 <see cref="Exponent"/>), and the standard deviation stays finite.
/// </summary>
public readonly record struct SampleMoments(int Count, double Mean, double SumOfSquaredDeviations, int Exponent = 0)
{
    /// <summary>Variance with <paramref name="ddof"/> delta degrees of freedom (0: population, 1: sample), as numpy; infinite when it exceeds a double.</summary>
    public double Variance(int ddof = 0) => Count - ddof > 0 ? Math.ScaleB(SumOfSquaredDeviations / (Count - ddof), 2 * Exponent) : double.NaN;

    public double StandardDeviation(int ddof = 0) => Count - ddof > 0 ? Math.ScaleB(Math.Sqrt(SumOfSquaredDeviations / (Count - ddof)), Exponent) : double.NaN;

    public static SampleMoments Of(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n == 0)
        {
            return new SampleMoments(0, double.NaN, double.NaN);
        }

        (double mean, double ss) = TwoPass(values, 0);
        if (double.IsFinite(ss) || !AllFinite(values))
        {
            return new SampleMoments(n, mean, ss);
        }

        double largest = 0;
        foreach (double v in values)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        int exponent = Math.ILogB(largest) + 1;
        (double scaledMean, double scaledSs) = TwoPass(values, exponent);
        return new SampleMoments(n, Math.ScaleB(scaledMean, exponent), scaledSs, exponent);
    }

    private static (double Mean, double SumOfSquaredDeviations) TwoPass(ReadOnlySpan<double> values, int exponent)
    {
        // A power of two: multiplying by it is exact (and by 1, the usual case, free of change).
        double scale = Math.ScaleB(1.0, -exponent);
        int n = values.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += values[i] * scale;
        }

        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            double d = (values[i] * scale) - mean;
            ss += d * d;
        }

        return (mean, ss);
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
