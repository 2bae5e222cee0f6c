using Monitor.Grains.Versions.Checkpoints;

namespace Monitor.Grains.Windows.Checkpoints;

/// <summary>One page of a version's raw latencies, as checkpointed.</summary>
[GenerateSerializer, Alias("monitor.LatencyPage")]
public sealed class LatencyPage
{
    [Id(0)] public int Index { get; init; }

    /// <summary>Entries the ring had ever taken when the page was written.</summary>
    [Id(1)] public long Written { get; init; }
    [Id(2)] public double[] Latencies { get; init; } = [];
    [Id(3)] public long[] Timestamps { get; init; } = [];
    [Id(4)] public bool[] Succeeded { get; init; } = [];
}
