namespace Monitor.Grains.Alerting;

/// <summary>Rules, channels, routes and silences as one silo last fetched them.</summary>
public sealed record AlertingSnapshot(AlertRuleSet Rules, AlertingConfig Config, SilenceSet Silences);
