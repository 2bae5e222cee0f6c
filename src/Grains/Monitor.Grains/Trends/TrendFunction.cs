namespace Monitor.Grains.Trends;

/// <summary>What a trend expression computes over a metric's series.</summary>
public enum TrendFunction
{
    /// <summary><c>avg_over(metric, window)</c>: the mean of the steps' values.</summary>
    AvgOver,

    /// <summary><c>ewma(metric, half_life)</c>: the exponentially weighted average at the last step.</summary>
    Ewma,

    /// <summary><c>slope(metric, window)</c>: least-squares slope in the metric's units per hour.</summary>
    Slope,

    /// <summary><c>change_point(metric, window)</c>: the signed size of the latest level shift in the window, 0 when none.</summary>
    ChangePoint,
}

public static class TrendFunctionNames
{
    public static IReadOnlyList<(string Name, TrendFunction Function)> All { get; } =
    [
        ("avg_over", TrendFunction.AvgOver),
        ("ewma", TrendFunction.Ewma),
        ("slope", TrendFunction.Slope),
        ("change_point", TrendFunction.ChangePoint),
    ];

    public static string NameOf(TrendFunction function) => All.First(f => f.Function == function).Name;
}
