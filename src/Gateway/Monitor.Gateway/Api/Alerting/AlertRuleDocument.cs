using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Monitor.Gateway.Api.Documents;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>
/// A rule as the API reads and writes it (durations as "5m", comparators as "&gt;"): what GET answers may be
/// sent back with PUT (<c>builtin</c> is read and ignored). Fields left out take the rule's defaults.
/// </summary>
public sealed record AlertRuleDocument : IValidatableObject
{
    [StringLength(100)] public string? Name { get; init; }
    public bool? Enabled { get; init; }
    [StringLength(200)] public string? Model { get; init; }
    [StringLength(200)] public string? Version { get; init; }
    [Required, StringLength(100)] public required string Metric { get; init; }
    [StringLength(200)] public string? Feature { get; init; }
    public int? WindowMinutes { get; init; }
    [Required, StringLength(2)] public required string Comparator { get; init; }
    public required double Threshold { get; init; }
    [JsonConverter(typeof(DurationConverter))] public TimeSpan? For { get; init; }
    [JsonConverter(typeof(DurationConverter))] public TimeSpan? KeepFiringFor { get; init; }
    [StringLength(20)] public string? Severity { get; init; }
    public Dictionary<string, string>? Labels { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public long? MinSamples { get; init; }
    [StringLength(64)] public string? Action { get; init; }
    public bool? Builtin { get; init; }

    /// <summary>A segment key (one alert per segment) or one segment ("country:DE"); null for the whole version.</summary>
    [StringLength(300)] public string? Segment { get; init; }

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
        For = rule.For,
        KeepFiringFor = rule.KeepFiringFor,
        Severity = rule.Severity.Label(),
        Labels = rule.Labels.ToDictionary(),
        Annotations = rule.Annotations.ToDictionary(),
        MinSamples = rule.MinSamples,
        Action = rule.Action,
        Builtin = rule.Builtin,
        Segment = rule.Segment,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!RuleComparators.TryParse(Comparator, out _))
        {
            yield return new($"must be one of {string.Join(" ", RuleComparators.Symbols)}", [nameof(Comparator)]);
        }

        if (Severity is not null && !AlertSeverities.TryParse(Severity, out _))
        {
            yield return new("must be info, warning or critical", [nameof(Severity)]);
        }

        if (MinSamples < 0)
        {
            yield return new($"must be a whole number from 0 to {long.MaxValue}", [nameof(MinSamples)]);
        }
    }

    /// <summary>The rule; <paramref name="name"/> (from the path) wins over a missing name and must agree with a given one.</summary>
    public (AlertRule? Rule, FieldProblem? Problem) ToRule(string? name)
    {
        if (DocumentName.Resolve(name, Name, "rule", out var ruleName) is { } problem)
        {
            return (null, problem);
        }

        RuleComparators.TryParse(Comparator, out var comparator);
        var severity = AlertSeverity.Warning;
        if (Severity is not null)
        {
            AlertSeverities.TryParse(Severity, out severity);
        }

        var rule = new AlertRule
        {
            Name = ruleName,
            Enabled = Enabled ?? true,
            Model = Model,
            Version = Version,
            Metric = Metric,
            Feature = Feature,
            WindowMinutes = WindowMinutes ?? 5,
            Comparator = comparator,
            Threshold = Threshold,
            For = For ?? TimeSpan.Zero,
            KeepFiringFor = KeepFiringFor ?? TimeSpan.Zero,
            Severity = severity,
            Labels = LabelSet.From(Labels ?? []),
            Annotations = LabelSet.From(Annotations ?? []),
            MinSamples = MinSamples ?? 1,
            Action = Action,
            Segment = Segment,
        };
        return (rule, AlertRuleValidator.Validate(rule));
    }
}
