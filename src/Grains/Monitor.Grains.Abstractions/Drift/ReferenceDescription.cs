namespace Monitor.Grains.Drift;

/// <summary>A version's reference as a schema: each feature's type, sizes and summary, and any capture under way.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ReferenceDescription")]
public sealed record ReferenceDescription
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }

    /// <summary>"ready" (a reference is set), "capturing" (none yet, a capture is under way) or "none".</summary>
    [Id(2)] public required string Status { get; init; }
    [Id(3)] public int Rows { get; init; }

    /// <summary>"json", "csv", "capture" or "copy".</summary>
    [Id(4)] public string? Source { get; init; }
    [Id(5)] public string? CopiedFrom { get; init; }
    [Id(6)] public DateTimeOffset? SetAt { get; init; }
    [Id(7)] public IReadOnlyList<ReferenceFeatureSummary> Features { get; init; } = [];

    /// <summary>The model outputs of the reference rows ("prediction", "confidence"), when known.</summary>
    [Id(8)] public IReadOnlyList<ReferenceFeatureSummary> Outputs { get; init; } = [];
    [Id(9)] public CaptureProgress? Capture { get; init; }

    /// <summary>Why the last capture could not become the reference, if it failed.</summary>
    [Id(10)] public IReadOnlyList<FieldProblem>? LastCaptureProblems { get; init; }

    /// <summary>Whether the version's model outputs are compared with the reference's (the reference has outputs).</summary>
    [Id(11)] public bool OutputsCompared { get; init; }

    /// <summary>Why the outputs are not compared (e.g. a copy made without them), when they are not.</summary>
    [Id(12)] public string? OutputsNote { get; init; }

    /// <summary>The true classes of the reference rows ("label"), when given.</summary>
    [Id(13)] public ReferenceFeatureSummary? Labels { get; init; }

    /// <summary>The calibration of confidences fitted on the labelled rows, for the performance estimate; null without labels.</summary>
    [Id(14)] public ReferenceCalibrationSummary? Calibration { get; init; }
}

/// <summary>What a labelled reference says about the model's confidences: how many rows, how right, how confident.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ReferenceCalibrationSummary")]
public sealed record ReferenceCalibrationSummary
{
    /// <summary>Rows with a prediction, a confidence and a label, which the calibration was fitted on.</summary>
    [Id(0)] public required int Rows { get; init; }

    /// <summary>The share of those rows whose prediction is the label.</summary>
    [Id(1)] public required double Accuracy { get; init; }

    /// <summary>Their mean raw confidence: what an uncalibrated estimate would have said.</summary>
    [Id(2)] public required double MeanConfidence { get; init; }

    /// <summary>"isotonic": pool-adjacent-violators on the predicted class's confidence as the probability of being right.</summary>
    [Id(3)] public required string Method { get; init; }
}

/// <summary>One reference feature: its type, how many values it has, and their distribution in brief.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ReferenceFeatureSummary")]
public sealed record ReferenceFeatureSummary
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required FeatureType Type { get; init; }

    /// <summary>True when the type was declared, false when inferred from the values.</summary>
    [Id(2)] public required bool Declared { get; init; }

    /// <summary>Values present (not missing).</summary>
    [Id(3)] public required int Count { get; init; }
    [Id(4)] public required int Missing { get; init; }
    [Id(5)] public double? Min { get; init; }
    [Id(6)] public double? Max { get; init; }
    [Id(7)] public double? Mean { get; init; }

    /// <summary>Population standard deviation (numpy's default, ddof = 0).</summary>
    [Id(8)] public double? StandardDeviation { get; init; }
    [Id(9)] public double? P50 { get; init; }

    /// <summary>Distinct categories (categorical features).</summary>
    [Id(10)] public int? Categories { get; init; }

    /// <summary>The most frequent categories, at most ten, most frequent first.</summary>
    [Id(11)] public IReadOnlyList<CategoryCount>? TopCategories { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.CategoryCount")]
public sealed record CategoryCount(
    [property: Id(0)] string Value,
    [property: Id(1)] long Count);

/// <summary>A capture under way: the next <see cref="Target"/> records of the version become its reference.</summary>
[GenerateSerializer, Immutable, Alias("monitor.CaptureProgress")]
public sealed record CaptureProgress
{
    [Id(0)] public required int Target { get; init; }
    [Id(1)] public required int Captured { get; init; }
    [Id(2)] public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Feature types declared for the captured reference; other features are inferred.</summary>
    [Id(3)] public IReadOnlyDictionary<string, FeatureType> DeclaredTypes { get; init; } = new Dictionary<string, FeatureType>();
}
