using Monitor.Grains.Versions.Checkpoints;

namespace Monitor.Grains.Windows;

/// <summary>The window part's section of the checkpoint's core row: the window's counters and vocabularies (its buckets are pages).</summary>
[GenerateSerializer, Alias("monitor.WindowCore")]
public sealed class WindowCore : VersionPartCore
{
    [Id(0)] public VersionWindow? Window { get; set; }
}
