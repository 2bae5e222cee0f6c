namespace Monitor.Grains.Windows.Checkpoints;

/// <summary>
/// The row that completes a version's checkpoint, written after its pages: the window's counters,
/// vocabularies and page table, and the last ingest call applied from each gateway. Both describe
/// the same moment, so a retried call is applied again exactly when its records were not kept.
/// </summary>
[GenerateSerializer, Alias("monitor.WindowCheckpoint")]
public sealed class WindowCheckpoint
{
    [Id(0)] public VersionWindow? Window { get; set; }
    [Id(1)] public Dictionary<string, IngestMark> Senders { get; set; } = new(StringComparer.Ordinal);
}
