using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// The JSON (and configuration) form of a model's mapping, PUT /v1/models/{model}/mapping. Every field is
/// optional; an empty document is the default mapping (f0..fn, first output).
/// </summary>
public sealed class MappingDocument
{
    /// <summary>Names of the positional input values, in order across the inputs.</summary>
    public string[]? FeatureNames { get; set; }

    /// <summary>The output holding the prediction (V2 output name, V1 key, BentoML column); default the first.</summary>
    public string? PredictionOutput { get; set; }

    /// <summary>"value" (default), "argmax" (index of the largest, or its class name) or "max".</summary>
    public string? Prediction { get; set; }

    /// <summary>Class names of an argmax prediction.</summary>
    public string[]? ClassNames { get; set; }

    /// <summary>The output holding the confidence; default none (or the max of an argmax prediction's vector).</summary>
    public string? ConfidenceOutput { get; set; }

    /// <summary>"value" (default) or "max" (of a probability vector).</summary>
    public string? Confidence { get; set; }

    /// <summary>An input whose value is the row's segment tag.</summary>
    public string? SegmentInput { get; set; }

    /// <summary>A header (KServe: one of the logger's metadataHeaders) whose value is the request's segment tag.</summary>
    public string? SegmentHeader { get; set; }

    /// <summary>The feature name the segment tag is kept under; default "segment".</summary>
    public string? SegmentFeature { get; set; }

    /// <summary>"auto" (default), "model_version", "endpoint", "annotation", "header" or "fixed".</summary>
    public string? Version { get; set; }

    /// <summary>The annotation or header name, or the fixed version.</summary>
    public string? VersionKey { get; set; }

    /// <summary>Inputs not kept as features.</summary>
    public string[]? IgnoredInputs { get; set; }

    public static MappingDocument From(ModelMapping mapping) => new()
    {
        FeatureNames = mapping.FeatureNames,
        PredictionOutput = mapping.PredictionOutput,
        Prediction = Reading(mapping.Prediction),
        ClassNames = mapping.ClassNames,
        ConfidenceOutput = mapping.ConfidenceOutput,
        Confidence = Reading(mapping.Confidence),
        SegmentInput = mapping.SegmentInput,
        SegmentHeader = mapping.SegmentHeader,
        SegmentFeature = mapping.SegmentFeature,
        Version = mapping.Version switch
        {
            VersionSource.ModelVersion => "model_version",
            VersionSource.Endpoint => "endpoint",
            VersionSource.Annotation => "annotation",
            VersionSource.Header => "header",
            VersionSource.Fixed => "fixed",
            _ => "auto",
        },
        VersionKey = mapping.VersionKey,
        IgnoredInputs = mapping.IgnoredInputs,
    };

    private static string Reading(OutputReading reading) => reading switch
    {
        OutputReading.Argmax => "argmax",
        OutputReading.Max => "max",
        _ => "value",
    };
}
