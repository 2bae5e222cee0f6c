namespace Monitor.Statistics;

/// <summary>A two-sample Cramér-von Mises result; <see cref="Exact"/> tells whether the p-value is the exact one.</summary>
public readonly record struct CramerVonMisesResult(double Statistic, double PValue, bool Exact);
