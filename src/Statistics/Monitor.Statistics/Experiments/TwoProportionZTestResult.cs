namespace Monitor.Statistics;

/// <summary>
/// A two-proportion comparison: the rates, the difference (b - a) with its 95% confidence interval, the
/// relative lift, Cohen's h as a scale-free effect size, the pooled z statistic and its two-sided p-value.
/// </summary>
public sealed record TwoProportionZTestResult(
    double RateA,
    double RateB,
    double Difference,
    double DifferenceLower95,
    double DifferenceUpper95,
    double RelativeLift,
    double CohensH,
    double Z,
    double PValue);
