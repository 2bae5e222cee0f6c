using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Reports;

/// <summary>
/// The headline figures of a period from time-series points, drift histories and alert events, computed
/// the same way for the period and the one before so that the two compare.
/// </summary>
public static class PeriodFiguresCalculator
{
    public static PeriodFigures Compute(
        DateTimeOffset from,
        DateTimeOffset to,
        IEnumerable<(string Version, IReadOnlyList<TimeSeriesPoint> Points)> series,
        IEnumerable<(string Version, DriftHistory? History)> drift,
        IEnumerable<AlertEvent> alerts)
    {
        long requests = 0, errors = 0, labels = 0;
        double p99Weighted = 0, accuracyWeighted = 0;
        long p99Requests = 0;
        foreach (var (_, points) in series)
        {
            foreach (var point in points.Where(p => p.Time >= from && p.Time < to))
            {
                requests += point.TotalRequests;
                errors += point.ErrorCount;
                if (point.P99LatencyMs is { } p99 && point.TotalRequests > 0)
                {
                    p99Weighted += p99 * point.TotalRequests;
                    p99Requests += point.TotalRequests;
                }

                if (point.Outcomes is { Accuracy: { } accuracy, Labels: > 0 } outcomes)
                {
                    accuracyWeighted += accuracy * outcomes.Labels;
                    labels += outcomes.Labels;
                }
            }
        }

        var drifted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (version, history) in drift)
        {
            foreach (var feature in history?.Features ?? [])
            {
                if (feature.Points.Any(p => p.Time >= from && p.Time < to && p.Drifted == true))
                {
                    drifted.Add($"{version}/{feature.Name}");
                }
            }
        }

        return new PeriodFigures
        {
            From = from,
            To = to,
            Requests = requests,
            Errors = errors,
            ErrorRate = requests > 0 ? (double)errors / requests : null,
            P99LatencyMs = p99Requests > 0 ? p99Weighted / p99Requests : null,
            Accuracy = labels > 0 ? accuracyWeighted / labels : null,
            DriftedFeatures = [.. drifted],
            AlertsFired = alerts.Count(a => a.Event == "firing" && a.Time >= from && a.Time < to),
        };
    }

    /// <summary>The figure lines of "what changed": lower is better for errors, latency and alerts, higher for accuracy.</summary>
    public static IReadOnlyList<FigureChange> Changes(PeriodFigures current, PeriodFigures? previous) =>
    [
        Change("requests", previous?.Requests, current.Requests, higherIsBetter: null),
        Change("error_rate", previous?.ErrorRate, current.ErrorRate, higherIsBetter: false),
        Change("p99_latency_ms", previous?.P99LatencyMs, current.P99LatencyMs, higherIsBetter: false),
        Change("accuracy", previous?.Accuracy, current.Accuracy, higherIsBetter: true),
        Change("alerts_fired", previous?.AlertsFired, current.AlertsFired, higherIsBetter: false),
    ];

    private static FigureChange Change(string figure, double? previous, double? current, bool? higherIsBetter)
    {
        string direction;
        if (previous is not { } before || current is not { } now)
        {
            direction = "unknown";
        }
        else if (Math.Abs(now - before) <= 1e-12 * Math.Max(1, Math.Abs(before)))
        {
            direction = "unchanged";
        }
        else if (higherIsBetter is null)
        {
            direction = now > before ? "up" : "down";
        }
        else
        {
            direction = (now > before) == higherIsBetter ? "better" : "worse";
        }

        return new FigureChange
        {
            Figure = figure,
            Previous = previous,
            Current = current,
            RelativeChange = previous is { } p && current is { } c && p != 0 ? (c - p) / p : null,
            Direction = direction,
        };
    }
}
