using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Segments;

/// <summary>
/// A segment's performance over a period: realized from the labels joined to its predictions (counted by the
/// label's time, as the version's are) and estimated from its predictions' confidences by the version's CBPE.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentPerformance")]
public sealed record SegmentPerformance
{
    /// <summary>Labels joined to the segment's predictions and scored in the period.</summary>
    [Id(0)] public required long Labels { get; init; }
    [Id(1)] public ClassificationPerformance? Classification { get; init; }
    [Id(2)] public RegressionPerformance? Regression { get; init; }

    /// <summary>The estimate; null for a regression version or without a prediction with a class and a confidence.</summary>
    [Id(3)] public SegmentEstimate? Estimated { get; init; }
}

/// <summary>The confidence-based performance estimate of a segment's successful predictions.</summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentEstimate")]
public sealed record SegmentEstimate
{
    [Id(0)] public string Method { get; init; } = "cbpe";
    [Id(1)] public required long Predictions { get; init; }
    [Id(2)] public required double Accuracy { get; init; }
    [Id(3)] public required double PrecisionMacro { get; init; }
    [Id(4)] public required double RecallMacro { get; init; }
    [Id(5)] public required double F1Macro { get; init; }

    /// <summary>True without a labelled reference: the raw confidences are taken as the probability of being right.</summary>
    [Id(6)] public required bool Uncalibrated { get; init; }
}
