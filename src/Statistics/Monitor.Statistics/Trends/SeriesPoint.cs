namespace Monitor.Statistics.Trends;

/// <summary>One value of a time series at a time in Unix milliseconds; series are ordered oldest first.</summary>
public readonly record struct SeriesPoint(long TimeMs, double Value);
