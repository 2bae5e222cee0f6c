using Monitor.Grains.Versions.Checkpoints;

using Monitor.Grains.Ingest;

namespace Monitor.Grains.Windows.Checkpoints;

/// <summary>Consecutive batches of a version's recent records, as checkpointed; the newest segment is open.</summary>
[GenerateSerializer, Alias("monitor.RecentSegment")]
public sealed class RecentSegment
{
    [Id(0)] public long Sequence { get; init; }
    [Id(1)] public PredictionBatch[] Batches { get; init; } = [];
}
