namespace Monitor.Statistics;

/// <summary>A statistic over pooled counts and one sample's counts (see <see cref="CellStatistics"/>).</summary>
public delegate double CellStatistic(ReadOnlySpan<int> pooled, ReadOnlySpan<int> a, int na, int nb);
