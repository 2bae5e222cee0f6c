using Monitor.Grains.Alerting;
using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Tests.Segments;

/// <summary>A rule scoped by segment key: one alert record and one alert per segment, each labelled with it.</summary>
public sealed class SegmentRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_key_scoped_rule_fires_once_per_drifted_segment_with_a_segment_label()
    {
        var metrics = new SegmentFigures(("country:DE", 0), ("country:FR", 1), ("country:ES", 1), ("device:ios", 1));
        var evaluator = new VersionRuleEvaluator("shop", "v1", new VersionAlertState(), new AlertingOptions());
        var rule = new AlertRule { Name = "SegmentDrift", Metric = DriftMetricNames.DriftDetected, Segment = "country", Comparator = RuleComparator.Greater, Threshold = 0.5 };

        var (updates, _) = evaluator.Evaluate([rule], [new Alerting.FixedMetrics().Set(DriftMetricNames.DriftDetected, 1), metrics], T0);

        Assert.Equal(["country:ES", "country:FR"], updates.Select(u => u.Labels.Pairs.Single(p => p.Key == "segment").Value).Order());
        Assert.Equal(3, evaluator.Describe().Length);
        Assert.Equal("inactive", evaluator.Describe().Single(r => r.Rule == "SegmentDrift [country:DE]").State);

        // FR recovers: its alert resolves, ES stays.
        metrics.Values["country:FR"] = 0;
        var (later, _) = evaluator.Evaluate([rule], [metrics], T0.AddSeconds(15));
        var resolved = Assert.Single(later, u => u.IsResolved);
        Assert.Equal("country:FR", resolved.Labels.Pairs.Single(p => p.Key == "segment").Value);
    }

    [Fact]
    public void A_segment_query_is_never_answered_by_a_version_wide_source()
    {
        var evaluator = new VersionRuleEvaluator("shop", "v1", new VersionAlertState(), new AlertingOptions());
        var rule = new AlertRule { Name = "One", Metric = DriftMetricNames.DriftDetected, Segment = "country:DE", Comparator = RuleComparator.Greater, Threshold = 0.5 };
        var (updates, _) = evaluator.Evaluate([rule], [new Alerting.FixedMetrics().Set(DriftMetricNames.DriftDetected, 1), new SegmentFigures(("country:DE", 0))], T0);
        Assert.Empty(updates);
        Assert.Equal(0, evaluator.Describe().Single().Value);
    }

    private sealed class SegmentFigures(params (string Segment, double Value)[] values) : ISegmentMetrics
    {
        public Dictionary<string, double> Values { get; } = values.ToDictionary(v => v.Segment, v => v.Value);

        public IReadOnlyList<string> Segments => [.. Values.Keys];

        public bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value)
        {
            value = query.Segment is { } s && Values.TryGetValue(s, out var v) ? new VersionMetricValue(v, 100) : default;
            return query.Segment is not null;
        }
    }
}
