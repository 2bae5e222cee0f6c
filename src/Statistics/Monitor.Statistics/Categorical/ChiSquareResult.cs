namespace Monitor.Statistics;

/// <summary>Pearson's chi-squared statistic, its degrees of freedom and p-value.</summary>
public readonly record struct ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue);
