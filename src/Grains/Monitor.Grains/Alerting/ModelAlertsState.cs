namespace Monitor.Grains.Alerting;

[GenerateSerializer, Alias("monitor.ModelAlertsState")]
public sealed class ModelAlertsState
{
    /// <summary>Firing alerts by fingerprint.</summary>
    [Id(0)] public Dictionary<string, ActiveAlert> Alerts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Recent events, oldest first, bounded.</summary>
    [Id(1)] public List<AlertEvent> History { get; set; } = [];

    /// <summary>Groups this model's alerts went to, with when; woken after a restart.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> Groups { get; set; } = new(StringComparer.Ordinal);
}
