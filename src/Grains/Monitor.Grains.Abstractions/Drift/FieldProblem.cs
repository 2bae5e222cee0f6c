namespace Monitor.Grains.Drift;

/// <summary>What is wrong with one part of a request: the field (e.g. "features.amount") and the reason.</summary>
[GenerateSerializer, Immutable, Alias("monitor.FieldProblem")]
public sealed record FieldProblem(
    [property: Id(0)] string Field,
    [property: Id(1)] string Reason);
