namespace Monitor.Grains.Alerting;

[GenerateSerializer, Alias("monitor.AlertingConfigState")]
public sealed class AlertingConfigState
{
    /// <summary>Channels created through the API, with their secrets.</summary>
    [Id(0)] public Dictionary<string, ChannelConfig> Channels { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public AlertRouting? Routing { get; set; }
    [Id(2)] public long Version { get; set; }
}
