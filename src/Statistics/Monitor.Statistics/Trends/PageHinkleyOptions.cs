namespace Monitor.Statistics.Trends;

/// <summary>
/// Parameters of <see cref="PageHinkleyDetector"/>. <see cref="Delta"/>, <see cref="Lambda"/> and <see cref="Clip"/>
/// are in units of the series' noise scale (estimated from the warm-up and the successive differences), so one
/// setting serves latencies in milliseconds and rates in fractions alike. The defaults were chosen by the seeded
/// simulation in <c>benchmarks/ChangePointCalibration</c> (figures in docs/trends.md).
/// </summary>
public sealed record PageHinkleyOptions
{
    public static PageHinkleyOptions Default { get; } = new();

    /// <summary>Points that set the reference level and scale before anything is judged, and again after each change.</summary>
    public int Warmup { get; init; } = 20;

    /// <summary>Shift per point tolerated as noise: the cumulative sums grow only while points sit more than this above (or below) the running mean.</summary>
    public double Delta { get; init; } = 0.5;

    /// <summary>The alarm threshold on the cumulative sums: higher means fewer false alarms and later detection.</summary>
    public double Lambda { get; init; } = 10;

    /// <summary>Standardized values are clipped to ±Clip, so one outlier (a spike, a heavy tail) adds at most Clip − Delta.</summary>
    public double Clip { get; init; } = 3;

    /// <summary>The first problem with these options, or null.</summary>
    public string? Problem() =>
        Warmup < 3 ? "warmup must be at least 3 points"
        : !(Delta >= 0) || !double.IsFinite(Delta) ? "delta must be a finite number, 0 or more"
        : !(Lambda > 0) || !double.IsFinite(Lambda) ? "lambda must be a finite number above 0"
        : !(Clip > Delta) || !double.IsFinite(Clip) ? "clip must be a finite number above delta"
        : null;
}
