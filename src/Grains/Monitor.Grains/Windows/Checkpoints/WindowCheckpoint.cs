using Monitor.Grains.Drift;

namespace Monitor.Grains.Windows.Checkpoints;

/// <summary>
/// The core row of a version's checkpoint, written after all its pages; writing it commits the checkpoint.
/// It names the current row of every page slot, and holds what changes with every record but is small: the
/// window's counters and vocabularies, how many pages a reference capture has, and the last ingest call
/// applied from each gateway. All of it, and every page it names, describes the same moment, so a retried
/// call is applied again exactly when its records are not in the restored checkpoint.
/// </summary>
/// <remarks>Ids as in <c>VersionState</c>: 0–9 windows and the checkpoint itself, 10–19 drift, 30–39 labels and outcomes.</remarks>
[GenerateSerializer, Alias("monitor.WindowCheckpoint")]
public sealed class WindowCheckpoint
{
    [Id(0)] public VersionWindow? Window { get; set; }
    [Id(1)] public Dictionary<string, IngestMark> Senders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The current row of each page slot.</summary>
    [Id(2)] public PageTable Pages { get; set; } = new();

    /// <summary>The activation that wrote this core (random; 0 before any), to recognise its own write.</summary>
    [Id(3)] public long Writer { get; set; }

    /// <summary>Checkpoints of the version committed up to this one.</summary>
    [Id(4)] public long Generation { get; set; }

    /// <summary>The pages of the reference capture under way that this checkpoint holds.</summary>
    [Id(10)] public CaptureMark? Capture { get; set; }
}
