namespace Monitor.Grains.Drift;

/// <summary>
/// A version's reference distribution as it was given: one column per feature (all of one length, one
/// value per reference row) and, when known, the model's outputs and the true classes for the same rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.ReferenceData")]
public sealed class ReferenceData
{
    [Id(0)] public required ReferenceColumn[] Features { get; init; }

    /// <summary>The model's predictions for the reference rows (class labels or numbers), for output drift.</summary>
    [Id(1)] public ReferenceColumn? Predictions { get; init; }

    /// <summary>The model's confidences for the reference rows (NaN where none), for output drift.</summary>
    [Id(2)] public double[]? Confidences { get; init; }

    /// <summary>"json", "csv", "capture" or "copy".</summary>
    [Id(3)] public required string Source { get; init; }

    /// <summary>The version ("model/version") a copied reference came from.</summary>
    [Id(4)] public string? CopiedFrom { get; init; }

    /// <summary>When the version took this reference (set by the grain).</summary>
    [Id(5)] public DateTimeOffset? SetAt { get; init; }

    /// <summary>
    /// True for a copy made without the source's outputs (<c>?outputs=false</c>, the default): another model's
    /// predictions and confidences are not this version's, so its outputs are not compared.
    /// </summary>
    [Id(6)] public bool OutputsLeftOut { get; init; }

    /// <summary>
    /// The true classes of the reference rows (a categorical column, null where unknown), beside the
    /// predictions and confidences: the performance estimate calibrates confidences on them.
    /// </summary>
    [Id(9)] public ReferenceColumn? Labels { get; init; }

    /// <summary>Rows of the reference: the length of its columns.</summary>
    public int Rows => Features.Length > 0 ? Features[0].Length : Predictions?.Length ?? Confidences?.Length ?? Labels?.Length ?? 0;
}

/// <summary>One reference column: numbers (NaN = missing) for a numeric feature, labels (null = missing) for a categorical one.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ReferenceColumn")]
public sealed class ReferenceColumn
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required FeatureType Type { get; init; }

    /// <summary>The values of a numeric column; NaN marks a missing value.</summary>
    [Id(2)] public double[]? Numbers { get; init; }

    /// <summary>The values of a categorical column; null marks a missing value.</summary>
    [Id(3)] public string?[]? Labels { get; init; }

    /// <summary>Whether the type was declared by the caller rather than inferred from the values.</summary>
    [Id(4)] public bool Declared { get; init; }

    public int Length => Type == FeatureType.Numeric ? Numbers?.Length ?? 0 : Labels?.Length ?? 0;

    public static ReferenceColumn Numeric(string name, double[] values, bool declared = false) =>
        new() { Name = name, Type = FeatureType.Numeric, Numbers = values, Declared = declared };

    public static ReferenceColumn Categorical(string name, string?[] values, bool declared = false) =>
        new() { Name = name, Type = FeatureType.Categorical, Labels = values, Declared = declared };
}
