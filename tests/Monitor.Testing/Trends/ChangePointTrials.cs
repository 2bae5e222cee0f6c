using Monitor.Statistics.Trends;

namespace Monitor.Trends.Calibration;

/// <summary>
/// Seeded trials of a change-point detector: false alarms on long stationary series, and the delay until a step
/// change is detected. Points are one minute apart.
/// </summary>
public static class ChangePointTrials
{
    private const long StepMs = 60_000;

    /// <summary>Alarms per 10,000 points over <paramref name="series"/> runs of <paramref name="length"/> points each.</summary>
    public static double FalseAlarmsPer10K(PageHinkleyDetector detector, StationarySeries family, int length, int series, int seed)
    {
        var random = new Random(seed);
        long alarms = 0;
        for (var s = 0; s < series; s++)
        {
            alarms += detector.Detect(Points(family.Draw(random, length))).Count;
        }

        return 10_000.0 * alarms / ((double)length * series);
    }

    /// <summary>
    /// The share of <paramref name="windows"/> independent stationary windows of <paramref name="length"/> points in
    /// which the detector finds any change: what a change-point rule sees at each evaluation.
    /// </summary>
    public static double WindowFalseAlarmShare(PageHinkleyDetector detector, StationarySeries family, int length, int windows, int seed)
    {
        var random = new Random(seed);
        var alarmed = 0;
        for (var w = 0; w < windows; w++)
        {
            if (detector.Detect(Points(family.Draw(random, length))).Count > 0)
            {
                alarmed++;
            }
        }

        return (double)alarmed / windows;
    }

    /// <summary>
    /// A step of <paramref name="step"/> standard deviations after <paramref name="before"/> points: the share of
    /// trials that detect it within <paramref name="after"/> points (in the step's direction, with no false alarm
    /// before it), and the median delay in points from the step to the alarm among those.
    /// </summary>
    public static (double Detected, double MedianDelay) StepDetection(
        PageHinkleyDetector detector, StationarySeries family, double step, int before, int after, int trials, int seed)
    {
        var random = new Random(seed);
        var delays = new List<int>(trials);
        for (var t = 0; t < trials; t++)
        {
            var x = family.Draw(random, before + after);
            for (var i = before; i < x.Length; i++)
            {
                x[i] += step;
            }

            var changes = detector.Detect(Points(x));
            var first = changes.Count == 0 ? null : changes[0];
            var expected = step > 0 ? ChangeDirection.Up : ChangeDirection.Down;
            if (first is not null && first.DetectedAtMs >= before * StepMs && first.Direction == expected)
            {
                delays.Add((int)((first.DetectedAtMs / StepMs) - before));
            }
        }

        delays.Sort();
        return ((double)delays.Count / trials, delays.Count == 0 ? double.NaN : delays[delays.Count / 2]);
    }

    public static SeriesPoint[] Points(double[] values)
    {
        var points = new SeriesPoint[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            points[i] = new SeriesPoint(i * StepMs, values[i]);
        }

        return points;
    }
}
