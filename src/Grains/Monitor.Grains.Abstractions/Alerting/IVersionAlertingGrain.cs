using Orleans.Concurrency;

namespace Monitor.Grains.Alerting;

/// <summary>The alerting part of a model version: the state of the rules that apply to it.</summary>
[Alias("monitor.IVersionAlertingGrain")]
public interface IVersionAlertingGrain : IGrainWithStringKey
{
    /// <summary>Every applicable rule's state at the last evaluation (inactive, pending, firing).</summary>
    [Alias("GetRuleStates")]
    Task<RuleState[]> GetRuleStates();

    /// <summary>
    /// Fingerprints of the alerts the version holds: firing, or resolved with the resolution not yet
    /// acknowledged. The model's alert grain asks when alerts were not re-sent in time (the call activates a
    /// version a restart left inactive). Interleaved, so it is answered while the version itself waits on
    /// that grain.
    /// </summary>
    [Alias("GetHeldAlerts"), AlwaysInterleave]
    Task<string[]> GetHeldAlerts();
}

/// <summary>A rule's state in one version.</summary>
[GenerateSerializer, Immutable, Alias("monitor.RuleState")]
public sealed record RuleState
{
    [Id(0)] public required string Rule { get; init; }

    /// <summary>"inactive", "pending", "firing".</summary>
    [Id(1)] public required string State { get; init; }
    [Id(2)] public double? Value { get; init; }
    [Id(3)] public long Samples { get; init; }
    [Id(4)] public DateTimeOffset? ActiveAt { get; init; }
    [Id(5)] public DateTimeOffset? FiredAt { get; init; }
    [Id(6)] public DateTimeOffset? EvaluatedAt { get; init; }
    [Id(7)] public string? Fingerprint { get; init; }
}
