namespace Monitor.Statistics;

/// <summary>Mean and variance by two passes, which keeps the variance accurate when the mean is large.</summary>
public readonly record struct SampleMoments(int Count, double Mean, double SumOfSquaredDeviations)
{
    /// <summary>Variance with <paramref name="ddof"/> delta degrees of freedom (0: population, 1: sample), as numpy.</summary>
    public double Variance(int ddof = 0) => Count - ddof > 0 ? SumOfSquaredDeviations / (Count - ddof) : double.NaN;

    public double StandardDeviation(int ddof = 0) => Math.Sqrt(Variance(ddof));

    public static SampleMoments Of(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n == 0)
        {
            return new SampleMoments(0, double.NaN, double.NaN);
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += values[i];
        }

        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            double d = values[i] - mean;
            ss += d * d;
        }

        return new SampleMoments(n, mean, ss);
    }
}
