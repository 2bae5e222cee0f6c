namespace Monitor.Grains.Alerting;

/// <summary>
/// Every alerting rule (key 0), written through on each change. Off the hot path: version grains read
/// rules through a per-silo cache that asks here at most once a second, and only for a newer set.
/// </summary>
[Alias("monitor.IAlertRulesGrain")]
public interface IAlertRulesGrain : IGrainWithIntegerKey
{
    [Alias("GetRules")]
    Task<AlertRuleSet> GetRules();

    /// <summary>The rule set when its version differs from <paramref name="version"/>; null otherwise.</summary>
    [Alias("GetIfChanged")]
    Task<AlertRuleSet?> GetIfChanged(long version);

    /// <summary>Creates or replaces a rule; a problem instead when it is not valid.</summary>
    [Alias("Put")]
    Task<ChangeResult> Put(AlertRule rule, bool createOnly);

    [Alias("Delete")]
    Task<bool> Delete(string name);
}

/// <summary>The outcome of a write: refused with a problem, or applied (created or replaced).</summary>
[GenerateSerializer, Immutable, Alias("monitor.ChangeResult")]
public sealed record ChangeResult(
    [property: Id(0)] FieldProblem? Problem,
    [property: Id(1)] bool Created,
    [property: Id(2)] bool Conflict = false)
{
    public static ChangeResult Refused(string field, string reason) => new(new FieldProblem(field, reason), false);
}
