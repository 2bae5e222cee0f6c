using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>
/// The core row of a version's checkpoint, written after all its pages; writing it commits the checkpoint.
/// It names the current row of every page slot, holds each part's small section (<see cref="Parts"/>: what
/// changes with every record but is small, such as the window's counters or the outcome ledger), and the last
/// ingest call applied from each gateway. All of it, and every page it names, describes the same moment, so a
/// retried call is applied again exactly when its records are not in the restored checkpoint.
/// </summary>
/// <remarks>
/// The type keeps the alias it had when it held only the window, so stored rows read back. Ids 0, 10 and 30 are
/// where builds before parts kept the window, the capture mark and the outcome ledger: read once and moved into
/// <see cref="Parts"/> (<see cref="Upgrade"/>), never written again, not to be reused.
/// </remarks>
[GenerateSerializer, Alias("monitor.WindowCheckpoint")]
public sealed class CheckpointCore
{
    [Id(0)] public VersionWindow? LegacyWindow { get; set; }
    [Id(1)] public Dictionary<string, IngestMark> Senders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The current row of each page slot.</summary>
    [Id(2)] public PageTable Pages { get; set; } = new();

    /// <summary>The activation that wrote this core (random; 0 before any), to recognise its own write.</summary>
    [Id(3)] public long Writer { get; set; }

    /// <summary>Checkpoints of the version committed up to this one.</summary>
    [Id(4)] public long Generation { get; set; }

    /// <summary>Each part's section, by part name.</summary>
    [Id(5)] public Dictionary<string, VersionPartCore> Parts { get; set; } = new(StringComparer.Ordinal);

    [Id(10)] public CaptureMark? LegacyCapture { get; set; }
    [Id(30)] public OutcomeLedger? LegacyOutcomes { get; set; }

    /// <summary>The part's section; a new one when the part has none yet.</summary>
    public T Section<T>(string part)
        where T : VersionPartCore, new()
    {
        if (Parts.TryGetValue(part, out var section) && section is T typed)
        {
            return typed;
        }

        var created = new T();
        Parts[part] = created;
        return created;
    }

    /// <summary>Moves what a core row written before parts holds into the parts' sections.</summary>
    public void Upgrade()
    {
        if (LegacyWindow is { } window)
        {
            Section<WindowCore>(WindowPart.PartName).Window ??= window;
        }

        if (LegacyCapture is { } capture)
        {
            Section<DriftCore>(DriftPart.PartName).Capture ??= capture;
        }

        if (LegacyOutcomes is { } ledger)
        {
            Section<OutcomesCore>(OutcomesPart.PartName).Ledger ??= ledger;
        }

        (LegacyWindow, LegacyCapture, LegacyOutcomes) = (null, null, null);
    }
}
