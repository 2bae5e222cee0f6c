namespace Monitor.Grains.Alerting;

[GenerateSerializer, Alias("monitor.AlertRulesState")]
public sealed class AlertRulesState
{
    [Id(0)] public Dictionary<string, AlertRule> Rules { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public long Version { get; set; }

    /// <summary>Defaults installed once; a deleted default is not installed again.</summary>
    [Id(2)] public HashSet<string> InstalledDefaults { get; set; } = new(StringComparer.Ordinal);
}
