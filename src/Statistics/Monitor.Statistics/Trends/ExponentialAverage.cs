namespace Monitor.Statistics.Trends;

/// <summary>
/// An exponentially weighted moving average by time, not by point: a value's weight halves every
/// <c>halfLife</c> of time after it, so gaps in a series (steps without records) do not change how fast the
/// average forgets. Recursively, s₀ = x₀ and sᵢ = sᵢ₋₁ + αᵢ (xᵢ − sᵢ₋₁) with αᵢ = 1 − 2^(−(tᵢ − tᵢ₋₁) / halfLife).
/// </summary>
public static class ExponentialAverage
{
    /// <summary>The average at the last point; NaN when no point has a finite value.</summary>
    public static double Of(IReadOnlyList<SeriesPoint> points, TimeSpan halfLife)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        var halfLifeMs = halfLife.TotalMilliseconds;
        var average = double.NaN;
        long previousMs = 0;
        foreach (var p in points)
        {
            if (!double.IsFinite(p.Value))
            {
                continue;
            }

            if (double.IsNaN(average))
            {
                average = p.Value;
            }
            else
            {
                var alpha = 1 - Math.Pow(2, -Math.Max(0, p.TimeMs - previousMs) / halfLifeMs);
                average += alpha * (p.Value - average);
            }

            previousMs = p.TimeMs;
        }

        return average;
    }
}
