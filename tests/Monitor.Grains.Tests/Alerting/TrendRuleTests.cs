using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Trends;
using Monitor.Grains.Versions;
using Monitor.Statistics.Trends;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>Trend expressions as rule metrics: parsing and validation, their figures over a series, and the state machine on them.</summary>
public sealed class TrendRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static AlertRule Rule(string metric, string? feature = null) => new()
    {
        Name = "Trend",
        Metric = metric,
        Feature = feature,
        Comparator = RuleComparator.Greater,
        Threshold = 0,
        For = TimeSpan.FromMinutes(1),
    };

    [Theory]
    [InlineData("avg_over(latency_p95_ms, 30m)", TrendFunction.AvgOver, 30 * 60, 30)]
    [InlineData("ewma(error_rate, 10m)", TrendFunction.Ewma, 80 * 60, 80)]
    [InlineData(" slope( latency_p95_ms , 1h30m , 5m ) ", TrendFunction.Slope, 90 * 60, 300)]
    [InlineData("change_point(accuracy, 6h)", TrendFunction.ChangePoint, 6 * 3600, 360)]
    public void Expressions_parse_with_their_window_and_step(string text, TrendFunction function, int windowSeconds, int stepSeconds)
    {
        Assert.True(TrendExpression.TryParse(text, out var expression, out var problem), problem);
        Assert.Equal(function, expression!.Function);
        Assert.Equal(TimeSpan.FromSeconds(windowSeconds), expression.Window);
        Assert.Equal(TimeSpan.FromSeconds(stepSeconds), expression.EffectiveStep);
        Assert.Null(AlertRuleValidator.Validate(Rule(text)));
    }

    [Theory]
    [InlineData("slope(latency_p95_ms, 5x)", "'5x' is not a duration for its window")]
    [InlineData("slope(latency_p95_ms, 30s)", "from 1m to 24h")]
    [InlineData("avg_over(latency_p95_ms, 2d)", "from 1m to 24h")]
    [InlineData("ewma(error_rate, 4h)", "from 1m to 3h")]
    [InlineData("slope(latency_p95_ms, 1h, 40m)", "the step must be from 1s to half the window (30m)")]
    [InlineData("slope(latency_p95_ms, 1h, )", "is not a duration for its step")]
    [InlineData("median(latency_p95_ms, 1h)", "unknown trend function 'median'; known: avg_over, ewma, slope, change_point")]
    [InlineData("slope(latency_p97_ms, 1h)", "unknown metric 'latency_p97_ms' in slope()")]
    [InlineData("slope(low_confidence_share, 1h)", "no series is kept of metric 'low_confidence_share'")]
    [InlineData("slope(latency_p95_ms)", "neither a metric name nor a trend function")]
    [InlineData("slope(slope(latency_p95_ms, 1h), 1h)", "neither a metric name nor a trend function")]
    [InlineData("slope(latency_p95_ms, 1h", "neither a metric name nor a trend function")]
    public void Bad_expressions_are_refused_naming_the_metric_field(string text, string reason)
    {
        var problem = AlertRuleValidator.Validate(Rule(text));
        Assert.NotNull(problem);
        Assert.Equal("metric", problem!.Field);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trend_of_a_per_feature_metric_names_its_feature()
    {
        Assert.Null(AlertRuleValidator.Validate(Rule("change_point(feature_psi, 6h)", "amount")));
        Assert.Equal("feature", AlertRuleValidator.Validate(Rule("change_point(feature_psi, 6h)"))!.Field);
        Assert.Equal("feature", AlertRuleValidator.Validate(Rule("slope(latency_p95_ms, 1h)", "amount"))!.Field);
    }

    [Fact]
    public void Figures_come_from_complete_steps_in_the_window()
    {
        // Steps of one minute with p95 10, 20, 30, ... ms; the last step is still filling (and wildly off).
        var now = T0.AddMinutes(10).ToUnixTimeMilliseconds();
        var metrics = Metrics(minute => minute == 10 ? 5000 : 10 * (minute + 1), steps: 11);
        Assert.True(metrics.TryEvaluate(new("slope(latency_p95_ms, 10m, 1m)", null, TimeSpan.FromMinutes(5)), now, out var slope));
        Assert.Equal(600.0, slope.Value, 9); // 10 ms a minute
        Assert.Equal(10, slope.Samples);
        Assert.True(metrics.TryEvaluate(new("avg_over(latency_p95_ms, 10m, 1m)", null, TimeSpan.FromMinutes(5)), now, out var average));
        Assert.Equal(55.0, average.Value, 9);
        Assert.True(metrics.TryEvaluate(new("change_point(latency_p95_ms, 10m, 1m)", null, TimeSpan.FromMinutes(5)), now, out var change));
        Assert.True(double.IsNaN(change.Value)); // ten points: fewer than a warm-up and one
        Assert.False(metrics.TryEvaluate(new(VersionMetricNames.LatencyP95, null, TimeSpan.FromMinutes(5)), now, out _));
    }

    [Fact]
    public void A_change_point_rule_fires_on_a_step_and_explains_it()
    {
        // Tied, repeating noise 0, 1, 2 ms; the level moves by 80 ms at minute 46, just after a low point (so the
        // rise's sum leaves zero exactly there).
        var metrics = Metrics(minute => (minute >= 46 ? 180 : 100) + (minute % 3), steps: 62);
        var evaluator = new VersionRuleEvaluator("shop", "v1", new VersionAlertState(), new AlertingOptions());
        var rule = Rule("change_point(latency_p95_ms, 1h, 1m)") with { Threshold = 50 };
        var now = T0.AddMinutes(60);
        evaluator.Evaluate([rule], [metrics], now);
        var (updates, _) = evaluator.Evaluate([rule], [metrics], now.AddMinutes(1));
        var alert = Assert.Single(updates);
        Assert.InRange(alert.Value, 75, 85);
        Assert.Equal("up", alert.Annotations["change_point_direction"]);
        Assert.Equal(T0.AddMinutes(46).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), alert.Annotations["change_point_at"]);
    }

    [Fact]
    public void Drift_p_values_make_a_series_per_evaluation()
    {
        var history = new DriftHistory
        {
            Model = "shop",
            Version = "v1",
            From = T0,
            To = T0.AddHours(1),
            IntervalSeconds = 600,
            Evaluations = [],
            Features =
            [
                new FeatureDriftSeries
                {
                    Name = "amount",
                    Points = [.. Enumerable.Range(0, 4).Select(i => new FeatureDriftPoint { Time = T0.AddMinutes(10 * i), Status = DriftStatus.Evaluated, PValue = 0.4 - (0.1 * i), Drifted = false })],
                },
            ],
            Outputs = [],
        };
        var metrics = new TrendMetrics((_, _, _) => throw new InvalidOperationException("not a step series"), (_, _) => history, TimeSpan.FromHours(1), PageHinkleyOptions.Default);
        Assert.True(metrics.TryEvaluate(new("slope(feature_drift_pvalue, 1h)", "amount", TimeSpan.FromMinutes(5)), T0.AddMinutes(40).ToUnixTimeMilliseconds(), out var slope));
        Assert.Equal(-0.6, slope.Value, 9);
        Assert.Equal(4, slope.Samples);
        Assert.True(metrics.TryEvaluate(new("slope(feature_drift_pvalue, 1h)", "score", TimeSpan.FromMinutes(5)), T0.AddMinutes(40).ToUnixTimeMilliseconds(), out var none));
        Assert.Equal(0, none.Samples);
    }

    /// <summary>A source whose version answers one-minute steps from T0 with the given p95 latencies.</summary>
    private static TrendMetrics Metrics(Func<int, double> p95, int steps) =>
        new((minutes, stepSeconds, _) =>
        {
            Assert.Equal(60, stepSeconds);
            return new VersionTimeSeries
            {
                Model = "shop",
                Version = "v1",
                StepSeconds = 60,
                Percentiles = PercentileMethod.Sketch(0.01),
                Points = [.. Enumerable.Range(0, steps).Select(m => new TimeSeriesPoint
                {
                    Time = T0.AddMinutes(m),
                    TotalRequests = 100,
                    ErrorCount = 0,
                    ThroughputPerSecond = 100 / 60.0,
                    P95LatencyMs = p95(m),
                    ErrorsByType = new Dictionary<string, long>(),
                })],
            };
        }, (_, _) => null, TimeSpan.FromHours(1), PageHinkleyOptions.Default);
}
