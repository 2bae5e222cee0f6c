using Monitor.Grains.Alerting;

namespace Monitor.Grains.Versions;

/// <summary>
/// What a model-version grain persists besides its windows (which are checkpointed in pages of their
/// own, see <see cref="Windows.Checkpoints.WindowPages"/>). Each part of a version owns a range of ids,
/// so parts can grow independently: 0–9 windows (unused here), 10–19 drift and data quality, 20–29
/// alert rule state, 30–39 labels and business outcomes.
/// </summary>
[GenerateSerializer, Alias("monitor.VersionState")]
public sealed class VersionState
{
    /// <summary>The state of the version's alert rules, written whenever an alert changes phase.</summary>
    [Id(20)] public VersionAlertState? Alerting { get; set; }
}
