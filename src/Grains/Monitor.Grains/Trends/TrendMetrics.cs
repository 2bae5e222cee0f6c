using System.Globalization;
using Monitor.Grains.Drift;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions;
using Monitor.Statistics.Trends;

namespace Monitor.Grains.Trends;

/// <summary>
/// Figures of trend expressions (<c>slope(latency_p95_ms, 1h)</c>, ...): the metric's series over the window is read
/// from the version's buckets (complete steps only: the step still filling would swing with its first records) or
/// from its drift history, and the function runs over it. The sample count is the number of points with a value.
/// </summary>
/// <param name="steps">The version's time series: (minutes, step seconds, now) as <c>GET .../timeseries</c> answers it.</param>
/// <param name="drift">The version's drift evaluations in [from, to], or null before drift is set up.</param>
/// <param name="fineSpan">How far back fine buckets reach: a window of exactly this span is read from them.</param>
public sealed class TrendMetrics(
    Func<int, int, long, VersionTimeSeries> steps, Func<long, long, DriftHistory?> drift, TimeSpan fineSpan, PageHinkleyOptions detector) : IVersionMetrics
{
    private readonly Dictionary<string, TrendExpression?> _parsed = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string?), ChangePoint> _changes = [];
    private readonly PageHinkleyDetector _detector = new(detector);

    public bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value)
    {
        value = default;
        if (!TrendExpression.LooksLikeExpression(query.Metric))
        {
            return false;
        }

        if (Parse(query.Metric) is not { } expression)
        {
            // Rules are validated when written; one that is not an expression any more has no data.
            value = new(double.NaN, 0);
            return true;
        }

        var points = Series(expression, query.Feature, nowMs);
        value = new(Compute(expression, points, (query.Metric, query.Feature)), points.Count);
        return true;
    }

    /// <summary>For a change-point rule that holds: when the shift started, which way and between which levels.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Explain(VersionMetricQuery query)
    {
        if (!_changes.TryGetValue((query.Metric, query.Feature), out var change))
        {
            return [];
        }

        return
        [
            new("change_point_at", DateTimeOffset.FromUnixTimeMilliseconds(change.TimeMs).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
            new("change_point_direction", change.Direction == ChangeDirection.Up ? "up" : "down"),
            new("change_point_before", change.Before.ToString("G4", CultureInfo.InvariantCulture)),
            new("change_point_after", change.After.ToString("G4", CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>The metric's points in the expression's window, oldest first.</summary>
    public IReadOnlyList<SeriesPoint> Series(TrendExpression expression, string? feature, long nowMs)
    {
        var fromMs = nowMs - (long)expression.Window.TotalMilliseconds;
        var points = new List<SeriesPoint>();
        if (VersionSeriesCatalog.TryStep(expression.Metric, out var read))
        {
            var minutes = (int)Math.Ceiling(expression.Window.TotalMinutes);
            if (expression.Window <= fineSpan && minutes >= fineSpan.TotalMinutes)
            {
                // The version answers periods reaching past its fine span from coarse buckets.
                minutes = Math.Max(1, (int)fineSpan.TotalMinutes - 1);
            }

            var series = steps(minutes, (int)Math.Max(1, expression.EffectiveStep.TotalSeconds), nowMs);
            var stepMs = series.StepSeconds * 1000L;
            foreach (var p in series.Points)
            {
                var startMs = p.Time.ToUnixTimeMilliseconds();
                if (startMs >= fromMs && startMs + stepMs <= nowMs && read(p) is { } v && double.IsFinite(v))
                {
                    points.Add(new SeriesPoint(startMs, v));
                }
            }

            return points;
        }

        if (drift(fromMs, nowMs) is { } history)
        {
            foreach (var (time, v) in VersionSeriesCatalog.Drift(expression.Metric, feature, history))
            {
                if (v is { } x && double.IsFinite(x))
                {
                    points.Add(new SeriesPoint(time.ToUnixTimeMilliseconds(), x));
                }
            }
        }

        return points;
    }

    private double Compute(TrendExpression expression, IReadOnlyList<SeriesPoint> points, (string, string?) key)
    {
        _changes.Remove(key);
        switch (expression.Function)
        {
            case TrendFunction.AvgOver:
                return MovingAverage.Of(points);
            case TrendFunction.Ewma:
                return ExponentialAverage.Of(points, expression.Argument);
            case TrendFunction.Slope:
                return LeastSquaresSlope.PerHour(points);
            default:
                if (points.Count <= detector.Warmup)
                {
                    return double.NaN;
                }

                var changes = _detector.Detect(points);
                if (changes.Count == 0)
                {
                    return 0;
                }

                _changes[key] = changes[^1];
                return changes[^1].Magnitude;
        }
    }

    private TrendExpression? Parse(string text)
    {
        if (!_parsed.TryGetValue(text, out var expression))
        {
            if (_parsed.Count >= 1024)
            {
                // Rules rewritten many times leave old texts behind; parsing again is cheap.
                _parsed.Clear();
            }

            TrendExpression.TryParse(text, out expression, out _);
            _parsed[text] = expression;
        }

        return expression;
    }
}
