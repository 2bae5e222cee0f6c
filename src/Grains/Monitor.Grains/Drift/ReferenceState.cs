namespace Monitor.Grains.Drift;

/// <summary>
/// A version's reference, stored on its own (state name "reference") and written only when the reference
/// changes: it can hold 100,000 rows, which the version's frequent window checkpoints should not rewrite.
/// </summary>
[GenerateSerializer, Alias("monitor.ReferenceState")]
public sealed class ReferenceState
{
    [Id(0)] public ReferenceData? Data { get; set; }
}
