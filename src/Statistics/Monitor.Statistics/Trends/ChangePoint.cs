namespace Monitor.Statistics.Trends;

public enum ChangeDirection
{
    Up,
    Down,
}

/// <summary>
/// A sustained shift in a series' level found by a detector.
/// </summary>
/// <param name="Index">The point where the shift is estimated to start, among the series' finite points.</param>
/// <param name="TimeMs">Its time: where the cumulative sum that raised the alarm last left zero.</param>
/// <param name="DetectedAtMs">The time of the point at which the alarm was raised (the detection delay is the difference).</param>
/// <param name="Before">Mean value from the segment's start up to the change.</param>
/// <param name="After">Mean value from the change up to its detection.</param>
public sealed record ChangePoint(int Index, long TimeMs, long DetectedAtMs, ChangeDirection Direction, double Before, double After)
{
    /// <summary>After − Before, in the series' units: positive for a rise.</summary>
    public double Magnitude => After - Before;
}
