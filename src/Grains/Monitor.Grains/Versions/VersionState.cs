using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;

namespace Monitor.Grains.Versions;

/// <summary>
/// What a model-version grain writes through (configuration, alert state), besides its checkpoint: the
/// state that changes with every record is checkpointed in pages committed by one core row (see
/// <see cref="Windows.Checkpoints.CheckpointStore"/>). Each part of a version owns a range of ids,
/// so parts can grow independently: 0–9 windows (unused here), 10–19 drift and data quality, 20–29
/// alert rule state, 30–39 labels and business outcomes.
/// </summary>
[GenerateSerializer, Alias("monitor.VersionState")]
public sealed class VersionState
{
    /// <summary>How the version judges drift; null for the defaults.</summary>
    [Id(10)] public DriftSettings? DriftSettings { get; set; }

    /// <summary>A reference capture under way, or complete and not yet stored (its records are checkpoint pages, see <see cref="DriftPages"/>).</summary>
    [Id(11)] public CaptureProgressState? Capture { get; set; }

    /// <summary>Why the last capture could not become the reference.</summary>
    [Id(13)] public List<Drift.FieldProblem>? LastCaptureProblems { get; set; }

    /// <summary>The state of the version's alert rules, written whenever an alert changes phase.</summary>
    [Id(20)] public VersionAlertState? Alerting { get; set; }
}
