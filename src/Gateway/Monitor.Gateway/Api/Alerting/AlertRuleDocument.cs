using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>A rule as the API reads and writes it (durations as "5m", comparators as "&gt;").</summary>
public sealed record AlertRuleDocument
{
    public required string Name { get; init; }
    public bool Enabled { get; init; }
    public string? Model { get; init; }
    public string? Version { get; init; }
    public required string Metric { get; init; }
    public string? Feature { get; init; }
    public int WindowMinutes { get; init; }
    public required string Comparator { get; init; }
    public double Threshold { get; init; }
    public required string For { get; init; }
    public required string KeepFiringFor { get; init; }
    public required string Severity { get; init; }
    public required Dictionary<string, string> Labels { get; init; }
    public required Dictionary<string, string> Annotations { get; init; }
    public long MinSamples { get; init; }
    public string? Action { get; init; }
    public bool Builtin { get; init; }

    /// <summary>A segment key (one alert per segment) or one segment ("country:DE"); null for the whole version.</summary>
    public string? Segment { get; init; }

    public static AlertRuleDocument From(AlertRule rule) => new()
    {
        Name = rule.Name,
        Enabled = rule.Enabled,
        Model = rule.Model,
        Version = rule.Version,
        Metric = rule.Metric,
        Feature = rule.Feature,
        WindowMinutes = rule.WindowMinutes,
        Comparator = rule.Comparator.Symbol(),
        Threshold = rule.Threshold,
        For = Durations.Format(rule.For),
        KeepFiringFor = Durations.Format(rule.KeepFiringFor),
        Severity = rule.Severity.Label(),
        Labels = rule.Labels.ToDictionary(),
        Annotations = rule.Annotations.ToDictionary(),
        MinSamples = rule.MinSamples,
        Action = rule.Action,
        Builtin = rule.Builtin,
        Segment = rule.Segment,
    };

    /// <summary>Reads a rule; <paramref name="name"/> (from the path) wins over a missing name and must agree with a given one.</summary>
    public static (AlertRule? Rule, FieldProblem? Problem) Read(FieldReader r, string? name)
    {
        var bodyName = r.String("name", required: name is null, maxLength: 100);
        if (name is not null && bodyName is not null && bodyName != name)
        {
            r.Fail("name", $"'{bodyName}' differs from the rule named in the path ('{name}')");
        }

        var enabled = r.Bool("enabled");
        var model = r.String("model", maxLength: 200);
        var version = r.String("version", maxLength: 200);
        var metric = r.String("metric", required: true, maxLength: 100);
        var feature = r.String("feature", maxLength: 200);
        var window = r.Whole("window_minutes", 1, AlertRuleValidator.MaxWindowMinutes);
        var comparatorText = r.String("comparator", required: true, maxLength: 2);
        var threshold = r.Number("threshold", required: true);
        var holdFor = r.Duration("for");
        var keepFiringFor = r.Duration("keep_firing_for");
        var severityText = r.String("severity", maxLength: 20);
        var labels = r.Map("labels");
        var annotations = r.Map("annotations");
        var minSamples = r.Whole("min_samples", 0, long.MaxValue);
        var action = r.String("action", maxLength: 64);
        var segment = r.String("segment", maxLength: 300);
        r.Bool("builtin");
        r.RefuseUnknown();

        var comparator = RuleComparator.Greater;
        if (r.Problem is null && !RuleComparators.TryParse(comparatorText, out comparator))
        {
            r.Fail("comparator", $"must be one of {string.Join(" ", RuleComparators.Symbols)}");
        }

        var severity = AlertSeverity.Warning;
        if (r.Problem is null && severityText is not null && !AlertSeverities.TryParse(severityText, out severity))
        {
            r.Fail("severity", "must be info, warning or critical");
        }

        if (r.Problem is { } problem)
        {
            return (null, problem);
        }

        var rule = new AlertRule
        {
            Name = name ?? bodyName!,
            Enabled = enabled ?? true,
            Model = model,
            Version = version,
            Metric = metric!,
            Feature = feature,
            WindowMinutes = (int)(window ?? 5),
            Comparator = comparator,
            Threshold = threshold!.Value,
            For = holdFor ?? TimeSpan.Zero,
            KeepFiringFor = keepFiringFor ?? TimeSpan.Zero,
            Severity = severity,
            Labels = LabelSet.From(labels ?? []),
            Annotations = LabelSet.From(annotations ?? []),
            MinSamples = minSamples ?? 1,
            Action = action,
            Segment = segment,
        };
        return (rule, AlertRuleValidator.Validate(rule));
    }
}
