using Monitor.Grains.Alerting;
using Monitor.Grains.Alerting.Delivery;
using Monitor.Grains.Drift;
using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>
/// How a drift alert says why: the drifted features in order of significance (at most five), as annotations and
/// template variables of the rule that holds, and in the text bodies of email and log notifications.
/// </summary>
public sealed class DriftExplanationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Drifted_features_are_ordered_by_adjusted_p_then_by_distance_and_capped_at_five()
    {
        FeatureDrift[] features =
        [
            Feature("f1", 1e-3), Feature("stable", 0.4, drifted: false), Feature("f2", 1e-9), Feature("js", null, statistic: 0.3, threshold: 0.1),
            Feature("f3", 2e-5), Feature("f4", 4e-2), Feature("psi", null, statistic: 0.15, threshold: 0.1), Feature("short", null, drifted: false, status: "insufficient_data"),
        ];

        var annotations = DriftedFeatureAnnotations.Of(features, only: null).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("f2, f3, f1, f4, js and 1 more", annotations[DriftedFeatureAnnotations.Names]);
        Assert.StartsWith("f2: cramer_von_mises adjusted p = 1E-09; f3: ", annotations[DriftedFeatureAnnotations.Detail]);
        Assert.Contains("js: jensen_shannon = 0.3 (threshold 0.1)", annotations[DriftedFeatureAnnotations.Detail]);
        Assert.Equal("f4", DriftedFeatureAnnotations.Of(features, only: "f4").First().Value);
        Assert.Empty(DriftedFeatureAnnotations.Of(features, only: "stable"));
    }

    [Fact]
    public void A_holding_rule_gets_the_explanation_as_annotations_and_template_variables_its_own_annotations_win()
    {
        var source = new ExplainedMetrics();
        var evaluator = new VersionRuleEvaluator("fraud", "v1", new VersionAlertState(), new AlertingOptions());
        var rule = new AlertRule
        {
            Name = "Drift",
            Metric = DriftMetricNames.DriftDetected,
            Comparator = RuleComparator.GreaterOrEqual,
            Threshold = 1,
            MinSamples = 0,
            Annotations = LabelSet.From(new Dictionary<string, string>
            {
                ["summary"] = "drift in {{ $drifted_features }}",
                [DriftedFeatureAnnotations.Detail] = "see the dashboard",
            }),
        };

        var fired = Assert.Single(evaluator.Evaluate([rule], [source], T0).Updates);

        Assert.Equal("drift in amount, score", fired.Annotations["summary"]);
        Assert.Equal("amount, score", fired.Annotations[DriftedFeatureAnnotations.Names]);
        Assert.Equal("see the dashboard", fired.Annotations[DriftedFeatureAnnotations.Detail]);

        source.Value = 0;
        Assert.Equal(0, source.ExplainedWhileNotHolding);
        evaluator.Evaluate([rule], [source], T0 + TimeSpan.FromSeconds(15));
        Assert.Equal(0, source.ExplainedWhileNotHolding);
    }

    [Fact]
    public void The_text_body_of_email_and_log_notifications_lists_the_drifted_features()
    {
        var alert = new GroupAlert
        {
            Fingerprint = "f",
            Labels = LabelSet.From(new Dictionary<string, string> { ["alertname"] = "DatasetDrift", ["model"] = "fraud", ["version"] = "v1" }),
            Annotations = LabelSet.From(new Dictionary<string, string>
            {
                ["summary"] = "fraud/v1: the input distribution drifted from the reference",
                [DriftedFeatureAnnotations.Names] = "amount",
                [DriftedFeatureAnnotations.Detail] = "amount: cramer_von_mises adjusted p = 3.1E-12",
            }),
            StartsAt = T0,
        };
        var notification = new Notification
        {
            Id = "n", GroupId = "g", GroupKey = "{}:{alertname=\"DatasetDrift\"}", Channel = "mail",
            GroupLabels = LabelSet.From(new Dictionary<string, string> { ["alertname"] = "DatasetDrift" }), Alerts = [alert], CreatedAt = T0,
        };

        var body = NotificationText.Body(notification, "http://monitor.test");

        Assert.Contains("  drifted features: amount: cramer_von_mises adjusted p = 3.1E-12", body);
    }

    private static FeatureDrift Feature(string name, double? adjusted, bool drifted = true, double statistic = 1, double threshold = 0.05, string status = "evaluated") => new()
    {
        Name = name,
        Kind = "numeric",
        Status = status,
        ReferenceSize = 100,
        CurrentSize = 100,
        CurrentMissing = 0,
        Tests = [],
        Verdict = status != "evaluated" ? null : new FeatureDriftVerdict
        {
            Test = adjusted is null ? (name == "psi" ? "psi" : "jensen_shannon") : "cramer_von_mises",
            IsDefaultTest = true,
            Statistic = statistic,
            PValue = adjusted,
            AdjustedPValue = adjusted,
            Threshold = adjusted is null ? threshold : 0.05,
            Drifted = drifted,
        },
    };

    /// <summary>A drift figure with an explanation, counting explanations asked for while the rule does not hold.</summary>
    private sealed class ExplainedMetrics : IVersionMetrics
    {
        public double Value { get; set; } = 1;

        public int ExplainedWhileNotHolding { get; private set; }

        public bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value)
        {
            value = new VersionMetricValue(Value, 100);
            return query.Metric == DriftMetricNames.DriftDetected;
        }

        public IReadOnlyList<KeyValuePair<string, string>> Explain(VersionMetricQuery query)
        {
            ExplainedWhileNotHolding += Value < 1 ? 1 : 0;
            return [new(DriftedFeatureAnnotations.Names, "amount, score"), new(DriftedFeatureAnnotations.Detail, "amount: ...; score: ...")];
        }
    }
}
