namespace Monitor.Statistics;

/// <summary>A two-sided two-sample KS result; <see cref="Method"/> says which p-value computation was used in the end.</summary>
public readonly record struct KolmogorovSmirnovResult(double Statistic, double PValue, KolmogorovSmirnovMethod Method);
