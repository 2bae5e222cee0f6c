using Monitor.Grains.Alerting;
using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Tests.Alerting;

public sealed class VersionRuleEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    private readonly FixedMetrics _metrics = new();
    private readonly VersionRuleEvaluator _evaluator = new("fraud", "v1", new VersionAlertState(), new AlertingOptions());

    private static AlertRule ErrorRule(TimeSpan holdFor, TimeSpan keepFiring = default) => new()
    {
        Name = "Errors",
        Metric = VersionMetricNames.ErrorRate,
        Comparator = RuleComparator.Greater,
        Threshold = 0.05,
        For = holdFor,
        KeepFiringFor = keepFiring,
        Severity = AlertSeverity.Critical,
        MinSamples = 10,
        Annotations = LabelSet.From(new Dictionary<string, string> { ["summary"] = "error rate {{ $value }} on {{ $labels.model }}" }),
    };

    private (List<AlertUpdate> Updates, bool Changed) At(int step, AlertRule rule, double value, long samples = 1000)
    {
        _metrics.Set(VersionMetricNames.ErrorRate, value, samples);
        var now = T0 + (step * Step);
        var result = _evaluator.Evaluate([rule], [_metrics], now);
        _evaluator.Acknowledge(result.Updates, now);
        return result;
    }

    private string Phase => _evaluator.Describe().Single().State;

    [Fact]
    public void Pending_is_never_sent_and_fires_once_for_has_passed()
    {
        var rule = ErrorRule(TimeSpan.FromMinutes(1));
        var first = At(0, rule, 0.2);
        Assert.Equal("pending", Phase);
        Assert.Empty(first.Updates);
        Assert.True(first.Changed);

        Assert.Empty(At(3, rule, 0.2).Updates);
        Assert.Equal("pending", Phase);

        var fired = At(4, rule, 0.2);
        Assert.Equal("firing", Phase);
        var alert = Assert.Single(fired.Updates);
        Assert.Null(alert.EndsAt);
        Assert.Equal(T0, alert.StartsAt);
        Assert.Equal("critical", alert.Labels["severity"]);
        Assert.Equal("Errors", alert.Labels["alertname"]);
        Assert.Equal("error rate 0.2 on fraud", alert.Annotations["summary"]);
    }

    [Fact]
    public void A_flapping_signal_is_held_back_by_for()
    {
        var rule = ErrorRule(TimeSpan.FromMinutes(1));
        for (var step = 0; step < 40; step++)
        {
            // Above the threshold three evaluations out of four: never for a whole minute.
            var result = At(step, rule, step % 4 == 3 ? 0.01 : 0.2);
            Assert.Empty(result.Updates);
            Assert.NotEqual("firing", Phase);
        }
    }

    [Fact]
    public void Firing_resolves_when_the_condition_stops_and_the_resolution_is_sent()
    {
        var rule = ErrorRule(TimeSpan.Zero);
        Assert.Single(At(0, rule, 0.2).Updates);
        Assert.Equal("firing", Phase);

        var resolved = Assert.Single(At(1, rule, 0.01).Updates);
        Assert.Equal(T0 + Step, resolved.EndsAt);
        Assert.Equal("inactive", Phase);
        Assert.Empty(At(2, rule, 0.01).Updates);
    }

    [Fact]
    public void Keep_firing_for_holds_a_firing_alert_after_the_condition_stops()
    {
        var rule = ErrorRule(TimeSpan.Zero, keepFiring: TimeSpan.FromSeconds(30));
        At(0, rule, 0.2);
        At(1, rule, 0.01);
        Assert.Equal("firing", Phase);
        At(2, rule, 0.01);
        Assert.Equal("firing", Phase);
        var resolved = Assert.Single(At(3, rule, 0.01).Updates);
        Assert.NotNull(resolved.EndsAt);
        Assert.Equal("inactive", Phase);
    }

    [Fact]
    public void Too_few_samples_never_hold()
    {
        var rule = ErrorRule(TimeSpan.Zero);
        Assert.Empty(At(0, rule, 0.9, samples: 5).Updates);
        Assert.Equal("inactive", Phase);
    }

    [Fact]
    public void Firing_alerts_are_resent_every_resend_interval_and_unacknowledged_ones_every_evaluation()
    {
        var rule = ErrorRule(TimeSpan.Zero);
        At(0, rule, 0.2);
        Assert.Empty(At(1, rule, 0.2).Updates);
        Assert.Single(At(4, rule, 0.2).Updates);

        // Not acknowledged (the alert grain was unreachable): sent again at the next evaluation.
        _metrics.Set(VersionMetricNames.ErrorRate, 0.01);
        Assert.Single(_evaluator.Evaluate([rule], [_metrics], T0 + (5 * Step)).Updates);
        Assert.Single(_evaluator.Evaluate([rule], [_metrics], T0 + (6 * Step)).Updates);
    }

    [Fact]
    public void A_removed_rule_resolves_its_alert()
    {
        var rule = ErrorRule(TimeSpan.Zero);
        At(0, rule, 0.2);
        var result = _evaluator.Evaluate([], [_metrics], T0 + Step);
        Assert.NotNull(Assert.Single(result.Updates).EndsAt);
        Assert.True(result.Changed);
    }

    [Fact]
    public void Rules_of_other_scopes_and_disabled_rules_are_not_evaluated()
    {
        _metrics.Set(VersionMetricNames.ErrorRate, 0.5);
        AlertRule[] rules = [ErrorRule(TimeSpan.Zero) with { Model = "churn" }, ErrorRule(TimeSpan.Zero) with { Name = "Off", Enabled = false }];
        Assert.Empty(_evaluator.Evaluate(rules, [_metrics], T0).Updates);
        Assert.Empty(_evaluator.Describe());
    }

    [Fact]
    public void Per_feature_rules_carry_the_feature_label()
    {
        _metrics.Values["feature_psi:amount"] = new VersionMetricValue(0.4, 500);
        var rule = new AlertRule { Name = "Psi", Metric = "feature_psi", Feature = "amount", Comparator = RuleComparator.Greater, Threshold = 0.2 };
        var alert = Assert.Single(_evaluator.Evaluate([rule], [_metrics], T0).Updates);
        Assert.Equal("amount", alert.Labels["feature"]);
    }
}
