namespace Monitor.Grains.Drift;

/// <summary>The answer to setting, capturing or copying a reference: what the version now holds, or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ReferenceChange")]
public sealed record ReferenceChange
{
    /// <summary>The reference (and capture) after the change; null when the change was refused.</summary>
    [Id(0)] public ReferenceDescription? Reference { get; init; }

    /// <summary>Why the change was refused; empty when it was made.</summary>
    [Id(1)] public IReadOnlyList<FieldProblem> Problems { get; init; } = [];

    /// <summary>True when the refusal is about size (too many rows): the gateway answers 413.</summary>
    [Id(2)] public bool TooLarge { get; init; }

    public bool Accepted => Problems.Count == 0;

    public static ReferenceChange Refused(IReadOnlyList<FieldProblem> problems, bool tooLarge = false) =>
        new() { Problems = problems, TooLarge = tooLarge };
}
