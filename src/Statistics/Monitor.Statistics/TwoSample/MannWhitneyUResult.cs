namespace Monitor.Statistics;

/// <summary>The U statistic of the first sample and the two-sided p-value.</summary>
public readonly record struct MannWhitneyUResult(double Statistic, double PValue);
