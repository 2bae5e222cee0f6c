namespace Monitor.Grains.Alerting;

/// <summary>Where a rule's alert is in Prometheus's state machine.</summary>
[GenerateSerializer, Alias("monitor.RuleAlertPhase")]
public enum RuleAlertPhase
{
    Inactive = 0,

    /// <summary>The condition holds, not yet for the rule's <c>for</c>: never sent.</summary>
    Pending = 1,
    Firing = 2,

    /// <summary>Stopped firing; kept until the model's alert grain has acknowledged the resolution.</summary>
    Resolved = 3,
}

/// <summary>One rule's alert in one version: persisted whenever its phase changes.</summary>
[GenerateSerializer, Alias("monitor.RuleAlertRecord")]
public sealed class RuleAlertRecord
{
    [Id(0)] public required string Rule { get; set; }
    [Id(1)] public RuleAlertPhase Phase { get; set; }
    [Id(2)] public DateTimeOffset? ActiveAt { get; set; }
    [Id(3)] public DateTimeOffset? FiredAt { get; set; }
    [Id(4)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(5)] public DateTimeOffset? KeepFiringSince { get; set; }
    [Id(6)] public LabelSet Labels { get; set; } = LabelSet.Empty;
    [Id(7)] public LabelSet Annotations { get; set; } = LabelSet.Empty;
    [Id(8)] public double Value { get; set; } = double.NaN;
    [Id(9)] public long Samples { get; set; }

    /// <summary>When the model's alert grain last acknowledged this alert.</summary>
    [Id(10)] public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>A change (firing or resolved) the model's alert grain has not acknowledged yet.</summary>
    [Id(11)] public bool Unsent { get; set; }
    [Id(12)] public DateTimeOffset? EvaluatedAt { get; set; }
    [Id(13)] public string? Action { get; set; }
}

/// <summary>The state of a version's alert rules (state name "alerting"), written whenever an alert changes phase.</summary>
[GenerateSerializer, Alias("monitor.VersionAlertState")]
public sealed class VersionAlertState
{
    /// <summary>By rule name.</summary>
    [Id(0)] public Dictionary<string, RuleAlertRecord> Rules { get; set; } = new(StringComparer.Ordinal);
}
