namespace Monitor.Gateway.Outcomes;

/// <summary>Where records go: a version, or a model when the records named none.</summary>
internal readonly record struct OutcomeTarget(string Model, string? Version)
{
    public override string ToString() => Version is null ? Model : $"{Model}/{Version}";
}

/// <summary>The accepted records of one target, with the request index of each row.</summary>
public sealed record OutcomeGroup<TBatch>(TBatch Batch, string Model, string? Version, int[] RequestIndices);
