namespace Monitor.Grains.Models;

[GenerateSerializer, Alias("monitor.RegistryState")]
public sealed class RegistryState
{
    /// <summary>Versions by model, in registration order.</summary>
    [Id(0)] public Dictionary<string, List<string>> Models { get; set; } = new();
    [Id(1)] public int VersionCount { get; set; }
}
