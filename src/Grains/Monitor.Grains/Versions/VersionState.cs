using Monitor.Grains.Alerting;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Versions;

/// <summary>
/// What a model-version grain checkpoints. Each part of a version owns a range of ids, so parts can
/// grow independently: 0–9 windows, 10–19 drift and data quality, 20–29 alert rule state, 30–39
/// labels and business outcomes.
/// </summary>
[GenerateSerializer, Alias("monitor.VersionState")]
public sealed class VersionState
{
    [Id(0)] public VersionWindow? Window { get; set; }

    /// <summary>The state of the version's alert rules, written whenever an alert changes phase.</summary>
    [Id(20)] public VersionAlertState? Alerting { get; set; }
}
