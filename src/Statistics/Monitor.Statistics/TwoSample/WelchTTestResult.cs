namespace Monitor.Statistics;

/// <summary>Welch's t statistic, its Welch-Satterthwaite degrees of freedom and the two-sided p-value.</summary>
public readonly record struct WelchTTestResult(double Statistic, double DegreesOfFreedom, double PValue);
