using Monitor.Grains.RuleInputs;
using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Tests.Outcomes;

/// <summary>What alert rules read through <see cref="IVersionMetrics"/>.</summary>
public sealed class OutcomeMetricsTests
{
    [Fact]
    public void Outcome_figures_are_offered_by_name_with_their_sample_sizes()
    {
        var f = new OutcomeFixture();
        var batch = new TestBatch("m", "v1");
        for (var i = 0; i < 10; i++)
        {
            batch.Add(f.Now - 60_000, 10, confidence: 0.8, prediction: i % 2, id: $"p{i}");
        }

        f.Predict(batch);
        f.Label(("p0", 0), ("p1", 1), ("p2", 0), ("p3", 0));
        f.Outcomes.RecordEvents(Labels.Events([("p0", "click", double.NaN), ("p1", "conversion", double.NaN), ("p1", "revenue", 30), (null, "share", 1)], f.Now), f.Now);
        f.Label(("nobody", 1));
        f.Now += (long)TimeSpan.FromMinutes(20).TotalMilliseconds;
        f.Outcomes.RetryPending(f.Now);

        var metrics = new OutcomeMetrics(() => f.Outcomes);
        var hour = TimeSpan.FromHours(1);

        Near(0.75, 4, Evaluate(metrics, OutcomeMetricNames.Accuracy, hour, f.Now));
        Near(0.8, 10, Evaluate(metrics, OutcomeMetricNames.EstimatedAccuracy, hour, f.Now));
        Near(0.4, 10, Evaluate(metrics, OutcomeMetricNames.LabelCoverage, hour, f.Now));
        Near(0.1, 10, Evaluate(metrics, OutcomeMetricNames.ClickThroughRate, hour, f.Now));
        Near(0.1, 10, Evaluate(metrics, OutcomeMetricNames.ConversionRate, hour, f.Now));
        Near(3, 10, Evaluate(metrics, OutcomeMetricNames.RevenuePerPrediction, hour, f.Now));
        Near(0.1, 10, Evaluate(metrics, OutcomeMetricNames.EventRate, hour, f.Now, "share"));
        Near(0, 10, Evaluate(metrics, OutcomeMetricNames.EventRate, hour, f.Now, "never-seen"));
        Near(0.2, 5, Evaluate(metrics, OutcomeMetricNames.UnjoinedLabelShare, hour, f.Now));
        Assert.Equal(60, Evaluate(metrics, OutcomeMetricNames.LabelDelayP50, hour, f.Now).Value, 0);
        Assert.True(double.IsNaN(Evaluate(metrics, OutcomeMetricNames.Mae, hour, f.Now).Value));
        Assert.Equal(0, Evaluate(metrics, OutcomeMetricNames.Mae, hour, f.Now).Samples);

        // A window that ends before the labels has nothing to say.
        Assert.Equal(0, Evaluate(metrics, OutcomeMetricNames.Accuracy, TimeSpan.FromMinutes(5), f.Now).Samples);
        Assert.False(metrics.TryEvaluate(new VersionMetricQuery("latency_p95_ms", null, hour), f.Now, out _));
    }

    [Fact]
    public void Every_name_is_known_to_the_source()
    {
        var f = new OutcomeFixture();
        var metrics = new OutcomeMetrics(() => f.Outcomes);
        foreach (var name in OutcomeMetricNames.All)
        {
            Assert.True(metrics.TryEvaluate(new VersionMetricQuery(name, null, TimeSpan.FromHours(1)), f.Now, out _), name);
        }
    }

    private static void Near(double value, long samples, VersionMetricValue actual)
    {
        Assert.Equal(value, actual.Value, 12);
        Assert.Equal(samples, actual.Samples);
    }

    private static VersionMetricValue Evaluate(IVersionMetrics metrics, string name, TimeSpan window, long now, string? feature = null)
    {
        Assert.True(metrics.TryEvaluate(new VersionMetricQuery(name, feature, window), now, out var value));
        return value;
    }
}
