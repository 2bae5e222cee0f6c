using Monitor.Grains.Drift;
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

    /// <summary>How the version judges drift; null for the defaults.</summary>
    [Id(10)] public DriftSettings? DriftSettings { get; set; }

    /// <summary>A reference capture under way.</summary>
    [Id(11)] public ReferenceCapture? Capture { get; set; }

    /// <summary>The drift evaluations of the version's timer.</summary>
    [Id(12)] public DriftHistoryLog? DriftHistory { get; set; }

    /// <summary>Why the last capture could not become the reference.</summary>
    [Id(13)] public List<FieldProblem>? LastCaptureProblems { get; set; }
}
