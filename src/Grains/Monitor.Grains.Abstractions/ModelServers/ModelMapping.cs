namespace Monitor.Grains.ModelServers;

/// <summary>How a prediction is read from an output tensor or column.</summary>
public enum OutputReading : byte
{
    /// <summary>The output's value for the row, as it is (a class, a score, a label).</summary>
    Value = 0,

    /// <summary>The index of the largest element of the row's vector (or its class name).</summary>
    Argmax = 1,

    /// <summary>The largest element of the row's vector.</summary>
    Max = 2,
}

/// <summary>Where a record's model version comes from when a model server does not say it in Monitor's terms.</summary>
public enum VersionSource : byte
{
    /// <summary>The payload's model_version, else the endpoint (KServe default/canary, Seldon predictor), else "default".</summary>
    Auto = 0,
    ModelVersion = 1,
    Endpoint = 2,

    /// <summary>A key of the KServe event's annotations (ce-annotations).</summary>
    Annotation = 3,

    /// <summary>A header the model server forwarded (KServe metadataHeaders, ce-metadata), or a header of a direct request.</summary>
    Header = 4,

    /// <summary>Always <see cref="ModelMapping.VersionKey"/>.</summary>
    Fixed = 5,
}

/// <summary>
/// How one model's inference payloads become Monitor records: the names of positional features, which
/// output is the prediction and which the confidence, which input or header tags a segment, and where
/// the version comes from. Stored per model; a model without one gets the defaults (f0..fn, first output).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.ModelMapping")]
public sealed record ModelMapping
{
    public static ModelMapping Default { get; } = new();

    /// <summary>Names of positional feature values, in order across the inputs; null names them f0..fn.</summary>
    [Id(0)] public string[]? FeatureNames { get; init; }

    /// <summary>The output (V2 name, V1 key, BentoML column) holding the prediction; null takes the first.</summary>
    [Id(1)] public string? PredictionOutput { get; init; }

    [Id(2)] public OutputReading Prediction { get; init; }

    /// <summary>Class names for an argmax prediction (index i is ClassNames[i]); null keeps the index.</summary>
    [Id(3)] public string[]? ClassNames { get; init; }

    /// <summary>The output holding the confidence; null means none.</summary>
    [Id(4)] public string? ConfidenceOutput { get; init; }

    [Id(5)] public OutputReading Confidence { get; init; }

    /// <summary>An input whose value tags the row's segment (kept as a text feature named <see cref="SegmentFeature"/>).</summary>
    [Id(6)] public string? SegmentInput { get; init; }

    /// <summary>A header (or forwarded metadata header) whose value tags every row of the request's segment.</summary>
    [Id(7)] public string? SegmentHeader { get; init; }

    [Id(8)] public string SegmentFeature { get; init; } = "segment";

    [Id(9)] public VersionSource Version { get; init; }

    /// <summary>The annotation or header name, or the fixed version, for <see cref="Version"/>.</summary>
    [Id(10)] public string? VersionKey { get; init; }

    /// <summary>Inputs not to keep as features (ids, raw images).</summary>
    [Id(11)] public string[]? IgnoredInputs { get; init; }
}
