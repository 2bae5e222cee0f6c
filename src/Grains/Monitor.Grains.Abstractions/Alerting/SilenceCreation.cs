namespace Monitor.Grains.Alerting;

/// <summary>A silence stored, or why it was refused (and whether because the store is at its cap).</summary>
[GenerateSerializer, Immutable, Alias("monitor.SilenceCreation")]
public sealed record SilenceCreation(
    [property: Id(0)] Silence? Silence,
    [property: Id(1)] FieldProblem? Problem,
    [property: Id(2)] bool AtCapacity)
{
    public static SilenceCreation Created(Silence silence) => new(silence, null, false);

    public static SilenceCreation Refused(string field, string reason, bool atCapacity = false) => new(null, new FieldProblem(field, reason), atCapacity);
}
