namespace Monitor.Grains.Outcomes;

/// <summary>
/// A <see cref="PredictionIndex"/> as stored: its ring packed into one array (see
/// <see cref="PredictionIndex.Snapshot"/>), its counters and the filter of ids that left it.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.PredictionIndexSnapshot")]
public sealed class PredictionIndexSnapshot
{
    [Id(0)] public required int Capacity { get; init; }
    [Id(1)] public required long HorizonMs { get; init; }
    [Id(2)] public required byte[] Packed { get; init; }
    [Id(3)] public long EvictedByCap { get; init; }
    [Id(4)] public long EvictedByHorizon { get; init; }
    [Id(5)] public long ReplacedIds { get; init; }
    [Id(6)] public EvictedIdFilter? Evicted { get; init; }
    [Id(7)] public long EvictedByBudget { get; init; }
}
