using Monitor.Grains.Versions.Checkpoints;

namespace Monitor.Grains.Drift;

/// <summary>The drift part's section of the checkpoint's core row: how many pages of which capture it holds.</summary>
[GenerateSerializer, Alias("monitor.DriftCore")]
public sealed class DriftCore : VersionPartCore
{
    [Id(0)] public CaptureMark? Capture { get; set; }
}
