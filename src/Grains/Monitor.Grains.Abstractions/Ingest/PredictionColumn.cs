namespace Monitor.Grains.Ingest;

/// <summary>
/// Predictions of a batch: a class label given as a string, or a number (a numeric class label or a
/// regression value). Labels is null when every prediction in the batch is numeric.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.PredictionColumn")]
public sealed class PredictionColumn
{
    /// <summary>The numeric prediction; NaN where the prediction is a string label or absent.</summary>
    [Id(0)] public required double[] Numbers { get; init; }

    /// <summary>The string label; null where the prediction is numeric or absent.</summary>
    [Id(1)] public string?[]? Labels { get; init; }

    public bool IsLabel(int i) => Labels is { } l && l[i] is not null;

    public bool IsPresent(int i) => IsLabel(i) || !double.IsNaN(Numbers[i]);
}
