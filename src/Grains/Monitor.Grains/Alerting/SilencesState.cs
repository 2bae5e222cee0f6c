namespace Monitor.Grains.Alerting;

[GenerateSerializer, Alias("monitor.SilencesState")]
public sealed class SilencesState
{
    [Id(0)] public Dictionary<string, Silence> Silences { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public long Version { get; set; }
}
