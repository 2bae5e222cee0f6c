namespace Monitor.Grains.Alerting;

/// <summary>
/// An alerting rule: a version's metric over a trailing window compared with a threshold, held for
/// <see cref="For"/> before it fires (Prometheus's alerting rule over Monitor's named figures).
/// Scope: every version (no model), a model's versions (model only), or one version (both).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertRule")]
public sealed record AlertRule
{
    /// <summary>Unique; the alert's <c>alertname</c> label.</summary>
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public bool Enabled { get; init; } = true;
    [Id(2)] public string? Model { get; init; }
    [Id(3)] public string? Version { get; init; }

    /// <summary>A name from the metric catalogue.</summary>
    [Id(4)] public required string Metric { get; init; }

    /// <summary>The feature, for per-feature metrics.</summary>
    [Id(5)] public string? Feature { get; init; }
    [Id(6)] public int WindowMinutes { get; init; } = 5;
    [Id(7)] public RuleComparator Comparator { get; init; }
    [Id(8)] public double Threshold { get; init; }
    [Id(9)] public TimeSpan For { get; init; }
    [Id(10)] public TimeSpan KeepFiringFor { get; init; }
    [Id(11)] public AlertSeverity Severity { get; init; } = AlertSeverity.Warning;
    [Id(12)] public LabelSet Labels { get; init; } = LabelSet.Empty;

    /// <summary>summary, description, runbook_url, ...; <c>{{ $value }}</c>, <c>{{ $threshold }}</c> and <c>{{ $labels.NAME }}</c> are filled in.</summary>
    [Id(13)] public LabelSet Annotations { get; init; } = LabelSet.Empty;

    /// <summary>Records the window must hold before the rule is judged at all.</summary>
    [Id(14)] public long MinSamples { get; init; } = 1;

    /// <summary>A webhook channel called when the alert fires (an automated response: roll back, scale out).</summary>
    [Id(15)] public string? Action { get; init; }

    /// <summary>True for the rules Monitor ships.</summary>
    [Id(16)] public bool Builtin { get; init; }

    /// <summary>
    /// Scopes the rule per segment: a key ("country": one alert per segment of the key, each with a <c>segment</c>
    /// label) or one segment ("country:DE"); null for the version's whole traffic.
    /// </summary>
    [Id(17)] public string? Segment { get; init; }

    public bool AppliesTo(string model, string version) =>
        (Model is null || Model == model) && (Version is null || Version == version);
}

/// <summary>Every rule with a version number that changes on every write (consumers cache by it).</summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertRuleSet")]
public sealed record AlertRuleSet(
    [property: Id(0)] long Version,
    [property: Id(1)] AlertRule[] Rules)
{
    public static AlertRuleSet Empty { get; } = new(0, []);
}

/// <summary>A rule refused: the field at fault and why.</summary>
[GenerateSerializer, Immutable, Alias("monitor.RuleProblem")]
public sealed record FieldProblem(
    [property: Id(0)] string Field,
    [property: Id(1)] string Reason);
