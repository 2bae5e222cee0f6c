namespace Monitor.Grains.Drift;

/// <summary>
/// What the drift part writes through (state name "drift"): how the version judges drift and its reference
/// capture. The capture's records are checkpoint pages (<see cref="DriftPages"/>); the reference is a state of its own.
/// </summary>
[GenerateSerializer, Alias("monitor.DriftState")]
public sealed class DriftState
{
    /// <summary>How the version judges drift; null for the defaults.</summary>
    [Id(0)] public DriftSettings? Settings { get; set; }

    /// <summary>A reference capture under way, or complete and not yet stored.</summary>
    [Id(1)] public CaptureProgressState? Capture { get; set; }

    /// <summary>Why the last capture could not become the reference.</summary>
    [Id(2)] public List<FieldProblem>? LastCaptureProblems { get; set; }
}
