using Monitor.Grains.Versions;
using Monitor.Statistics.Trends;

namespace Monitor.Grains.Trends;

/// <summary>
/// The change points of a time series' charted figures (latency percentiles, error rate, throughput, confidence,
/// outcomes), found by the detector change-point rules use, over the complete steps (the last step, still filling,
/// is left out). Oldest first within each series, series in <see cref="VersionSeriesCatalog.Charted"/> order.
/// </summary>
public static class TimeSeriesChangePoints
{
    public static VersionTimeSeries With(VersionTimeSeries series, PageHinkleyOptions options)
    {
        var detector = new PageHinkleyDetector(options);
        var found = new List<SeriesChangePoint>();
        var complete = series.Points.Count - 1;
        foreach (var name in VersionSeriesCatalog.Charted)
        {
            VersionSeriesCatalog.TryStep(name, out var read);
            var points = new List<SeriesPoint>(Math.Max(0, complete));
            for (var i = 0; i < complete; i++)
            {
                if (read(series.Points[i]) is { } v && double.IsFinite(v))
                {
                    points.Add(new SeriesPoint(series.Points[i].Time.ToUnixTimeMilliseconds(), v));
                }
            }

            foreach (var change in detector.Detect(points))
            {
                found.Add(new SeriesChangePoint
                {
                    Series = name,
                    At = DateTimeOffset.FromUnixTimeMilliseconds(change.TimeMs),
                    DetectedAt = DateTimeOffset.FromUnixTimeMilliseconds(change.DetectedAtMs),
                    Direction = change.Direction == ChangeDirection.Up ? "up" : "down",
                    Detector = PageHinkleyDetector.Name,
                    Magnitude = change.Magnitude,
                    Before = change.Before,
                    After = change.After,
                });
            }
        }

        return series with { ChangePoints = found };
    }
}
