namespace Monitor.Grains.Ingest;

/// <summary>How one record carried one feature.</summary>
public enum FeatureValueKind : byte
{
    /// <summary>The record did not name the feature.</summary>
    Missing = 0,
    /// <summary>The record named it with a JSON null.</summary>
    Null = 1,
    Number = 2,
    Text = 3,
}

/// <summary>One feature's values across a batch.</summary>
[GenerateSerializer, Immutable, Alias("monitor.FeatureColumn")]
public sealed class FeatureColumn
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required FeatureValueKind[] Kinds { get; init; }

    /// <summary>The value where Kinds is Number; NaN elsewhere.</summary>
    [Id(2)] public required double[] Numbers { get; init; }

    /// <summary>The value where Kinds is Text; null when the batch has no text value for this feature.</summary>
    [Id(3)] public string?[]? Texts { get; init; }
}
