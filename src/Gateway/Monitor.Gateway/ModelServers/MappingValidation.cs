using Monitor.Grains.Drift;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>Checks a mapping document and turns it into the stored mapping; each problem names its field.</summary>
public static class MappingValidation
{
    private const int MaxNames = 4096;
    private const int MaxNameLength = 256;

    public static ModelMapping? ToMapping(MappingDocument document, List<FieldProblem> problems, string prefix = "")
    {
        var featureNames = Names(document.FeatureNames, prefix + "feature_names", problems, unique: true);
        var classNames = Names(document.ClassNames, prefix + "class_names", problems, unique: true);
        var ignored = Names(document.IgnoredInputs, prefix + "ignored_inputs", problems, unique: false);
        var prediction = Reading(document.Prediction, prefix + "prediction", problems, allowArgmax: true);
        var confidence = Reading(document.Confidence, prefix + "confidence", problems, allowArgmax: false);
        var version = Version(document.Version, prefix + "version", problems);
        Name(document.PredictionOutput, prefix + "prediction_output", problems);
        Name(document.ConfidenceOutput, prefix + "confidence_output", problems);
        Name(document.SegmentInput, prefix + "segment_input", problems);
        Name(document.SegmentHeader, prefix + "segment_header", problems);
        Name(document.SegmentFeature, prefix + "segment_feature", problems);
        Name(document.VersionKey, prefix + "version_key", problems);
        if (document.SegmentInput is not null && document.SegmentHeader is not null)
        {
            problems.Add(new FieldProblem(prefix + "segment_header", "give segment_input or segment_header, not both"));
        }

        if (version is VersionSource.Annotation or VersionSource.Header or VersionSource.Fixed && string.IsNullOrEmpty(document.VersionKey))
        {
            problems.Add(new FieldProblem(prefix + "version_key", $"required when version is \"{document.Version}\" (the annotation or header name, or the version itself)"));
        }

        if (version == VersionSource.Fixed && document.VersionKey is { Length: > 0 } fixedVersion)
        {
            try
            {
                VersionResolver.Name(fixedVersion, prefix + "version_key", 64);
            }
            catch (PayloadException ex)
            {
                problems.Add(new FieldProblem(ex.Field, ex.Reason));
            }
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new ModelMapping
        {
            FeatureNames = featureNames,
            PredictionOutput = document.PredictionOutput,
            Prediction = prediction,
            ClassNames = classNames,
            ConfidenceOutput = document.ConfidenceOutput,
            Confidence = confidence,
            SegmentInput = document.SegmentInput,
            SegmentHeader = document.SegmentHeader,
            SegmentFeature = document.SegmentFeature ?? "segment",
            Version = version,
            VersionKey = document.VersionKey,
            IgnoredInputs = ignored,
        };
    }

    private static string[]? Names(string[]? names, string field, List<FieldProblem> problems, bool unique)
    {
        if (names is null)
        {
            return null;
        }

        if (names.Length > MaxNames)
        {
            problems.Add(new FieldProblem(field, $"at most {MaxNames} names"));
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!Name(names[i], $"{field}[{i}]", problems))
            {
                continue;
            }

            if (unique && !seen.Add(names[i]))
            {
                problems.Add(new FieldProblem($"{field}[{i}]", $"'{names[i]}' is given twice"));
            }
        }

        return names;
    }

    private static bool Name(string? name, string field, List<FieldProblem> problems)
    {
        if (name is null)
        {
            return true;
        }

        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            problems.Add(new FieldProblem(field, $"a name is 1 to {MaxNameLength} characters without control characters"));
            return false;
        }

        return true;
    }

    private static OutputReading Reading(string? value, string field, List<FieldProblem> problems, bool allowArgmax)
    {
        switch (value)
        {
            case null or "value":
                return OutputReading.Value;
            case "argmax" when allowArgmax:
                return OutputReading.Argmax;
            case "max":
                return OutputReading.Max;
            default:
                problems.Add(new FieldProblem(field, allowArgmax ? "one of \"value\", \"argmax\", \"max\"" : "one of \"value\", \"max\""));
                return OutputReading.Value;
        }
    }

    private static VersionSource Version(string? value, string field, List<FieldProblem> problems)
    {
        switch (value)
        {
            case null or "auto":
                return VersionSource.Auto;
            case "model_version":
                return VersionSource.ModelVersion;
            case "endpoint":
                return VersionSource.Endpoint;
            case "annotation":
                return VersionSource.Annotation;
            case "header":
                return VersionSource.Header;
            case "fixed":
                return VersionSource.Fixed;
            default:
                problems.Add(new FieldProblem(field, "one of \"auto\", \"model_version\", \"endpoint\", \"annotation\", \"header\", \"fixed\""));
                return VersionSource.Auto;
        }
    }
}
