using Monitor.Grains.Drift;

namespace Monitor.Grains.Segments;

/// <summary>
/// One version's segment series: set after each timer evaluation for its current segments, removed when a
/// segment leaves the top K, the settings change or the grain deactivates. Holds its share of the silo's budget.
/// </summary>
public sealed class SegmentExposition(string model, string version, int cap)
{
    private readonly HashSet<string> _published = new(StringComparer.Ordinal);
    private int _held;

    /// <summary>Segments left without series at the last publication because the silo's budget was spent.</summary>
    public bool Capped { get; private set; }

    public void Publish(IReadOnlyList<(SegmentName Segment, SegmentSummary Summary, VersionDriftReport? Drift)> segments)
    {
        var wanted = segments.Count * SegmentGauges.SeriesPerSegment;
        if (wanted > _held)
        {
            if (!SegmentGauges.Budget.TryTake(wanted - _held, cap))
            {
                Remove();
                Capped = true;
                return;
            }
        }
        else if (wanted < _held)
        {
            SegmentGauges.Budget.Release(_held - wanted);
        }

        _held = wanted;
        Capped = false;
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (segment, summary, drift) in segments)
        {
            var labels = Labels(segment);
            current.Add(segment.ToString());
            SegmentGauges.Requests.WithLabels(labels).Set(summary.TotalRequests);
            Set(SegmentGauges.SuccessRatio, summary.SuccessRate / 100, labels);
            Set(SegmentGauges.LatencyP95, summary.P95LatencyMs, labels);
            Set(SegmentGauges.DatasetDrifted, drift?.Dataset.Drifted switch { true => 1, false => 0, null => null }, labels);
        }

        foreach (var stale in _published.Where(p => !current.Contains(p)).ToList())
        {
            RemoveSeries(SegmentName.Parse(stale)!);
        }

        _published.Clear();
        _published.UnionWith(current);
    }

    public void Remove()
    {
        foreach (var name in _published)
        {
            RemoveSeries(SegmentName.Parse(name)!);
        }

        _published.Clear();
        SegmentGauges.Budget.Release(_held);
        _held = 0;
    }

    private static void Set(Prometheus.Gauge gauge, double? value, string[] labels)
    {
        if (value is { } v && double.IsFinite(v))
        {
            gauge.WithLabels(labels).Set(v);
        }
        else
        {
            gauge.RemoveLabelled(labels);
        }
    }

    private void RemoveSeries(SegmentName segment)
    {
        var labels = Labels(segment);
        foreach (var gauge in SegmentGauges.All)
        {
            gauge.RemoveLabelled(labels);
        }
    }

    private string[] Labels(SegmentName segment) => [model, version, segment.Key, segment.ToString()];
}
