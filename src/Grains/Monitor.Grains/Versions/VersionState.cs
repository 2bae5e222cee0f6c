using Monitor.Grains.Windows;

namespace Monitor.Grains.Versions;

/// <summary>What a model-version grain checkpoints.</summary>
[GenerateSerializer, Alias("monitor.VersionState")]
public sealed class VersionState
{
    [Id(0)] public VersionWindow? Window { get; set; }
}
