namespace Monitor.Statistics;

/// <summary>A statistic and its p-value under a null that accounts for ties, with the method that gave it (a report name).</summary>
public sealed record TiedTestResult(double Statistic, double PValue, string Method);
