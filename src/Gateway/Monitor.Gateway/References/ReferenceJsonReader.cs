using System.Text.Json;
using Monitor.Grains.Drift;

namespace Monitor.Gateway.References;

/// <summary>
/// Reads a JSON reference: <c>{"features": {"name": [values]}, "types": {"name": "numeric"|"categorical"},
/// "predictions": [...], "confidences": [...], "labels": [...], "prediction_type": "..."}</c>. Values are numbers, strings or
/// null (missing). Stops early past the row, feature or value limits.
/// </summary>
public static class ReferenceJsonReader
{
    private const string Shape = "{\"features\": {\"name\": [values]}, \"types\": {...}, \"predictions\": [...], \"confidences\": [...], \"labels\": [...]}";

    public static ReferenceUpload Read(ReadOnlySpan<byte> body, IReadOnlyDictionary<string, FeatureType> declared, ReferenceLimits limits)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            return ReadDocument(ref reader, declared, limits);
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return ReferenceUpload.Refused("body", $"invalid JSON at byte {reader.BytesConsumed}: {(cut > 0 ? message[..cut] : message)}");
        }
    }

    private static ReferenceUpload ReadDocument(ref Utf8JsonReader reader, IReadOnlyDictionary<string, FeatureType> declaredByQuery, ReferenceLimits limits)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ReferenceUpload.Refused("body", $"must be a JSON object: {Shape}");
        }

        var columns = new List<ReferenceColumnBuilder>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var types = new Dictionary<string, FeatureType>(declaredByQuery, StringComparer.Ordinal);
        var problems = new List<FieldProblem>();
        ReferenceColumnBuilder? predictions = null, confidences = null, labels = null;
        FeatureType? predictionType = null;
        long values = 0;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var property = reader.GetString()!;
            Next(ref reader);
            switch (property)
            {
                case "features":
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return ReferenceUpload.Refused("features", "must be an object of columns, e.g. {\"amount\": [12.5, 3.0], \"country\": [\"DE\", \"FR\"]}");
                    }

                    while (Next(ref reader) != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString()!;
                        Next(ref reader);
                        if (!names.Add(name))
                        {
                            return ReferenceUpload.Refused($"features.{name}", "named twice");
                        }

                        if (names.Count > limits.MaxFeatures)
                        {
                            return ReferenceUpload.Refused("features", $"more than the {limits.MaxFeatures} features a reference may have (Monitor:Drift:MaxReferenceFeatures)");
                        }

                        var column = new ReferenceColumnBuilder(name, $"features.{name}");
                        if (ReadValues(ref reader, column, limits, ref values) is { } refused)
                        {
                            return refused;
                        }

                        columns.Add(column);
                    }

                    break;
                case "types":
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return ReferenceUpload.Refused("types", "must be an object such as {\"country\": \"categorical\"}");
                    }

                    while (Next(ref reader) != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString()!;
                        Next(ref reader);
                        if (reader.TokenType != JsonTokenType.String || !DeclaredTypes.TryParse(reader.GetString(), out var type))
                        {
                            problems.Add(new FieldProblem($"types.{name}", "must be \"numeric\" or \"categorical\""));
                            reader.Skip();
                            continue;
                        }

                        if (declaredByQuery.TryGetValue(name, out var byQuery) && byQuery != type)
                        {
                            problems.Add(new FieldProblem($"types.{name}", "contradicts the type given in the query"));
                        }

                        types[name] = type;
                    }

                    break;
                case "predictions":
                    predictions = new ReferenceColumnBuilder(PreparedReferenceNames.Prediction, "predictions");
                    if (ReadValues(ref reader, predictions, limits, ref values) is { } badPredictions)
                    {
                        return badPredictions;
                    }

                    break;
                case "confidences":
                    confidences = new ReferenceColumnBuilder("confidence", "confidences");
                    if (ReadValues(ref reader, confidences, limits, ref values) is { } badConfidences)
                    {
                        return badConfidences;
                    }

                    break;
                case "labels":
                    labels = new ReferenceColumnBuilder(PreparedReference.LabelName, "labels");
                    if (ReadValues(ref reader, labels, limits, ref values) is { } badLabels)
                    {
                        return badLabels;
                    }

                    break;
                case "prediction_type":
                    if (reader.TokenType != JsonTokenType.String || !DeclaredTypes.TryParse(reader.GetString(), out var declaredPrediction))
                    {
                        problems.Add(new FieldProblem("prediction_type", "must be \"numeric\" or \"categorical\""));
                        reader.Skip();
                        break;
                    }

                    predictionType = declaredPrediction;
                    break;
                default:
                    problems.Add(new FieldProblem(property, $"is not a field of a reference; expected {Shape}"));
                    reader.Skip();
                    break;
            }
        }

        foreach (var name in types.Keys)
        {
            if (!names.Contains(name))
            {
                problems.Add(new FieldProblem($"types.{name}", "declares a type for a feature the reference does not have"));
            }
        }

        var built = new List<ReferenceColumn>(columns.Count);
        foreach (var column in columns)
        {
            if (column.Build(types.TryGetValue(column.Name, out var type) ? type : null, textMayBeNumbers: false, problems) is { } done)
            {
                built.Add(done);
            }
        }

        var predictionColumn = predictions is null ? null : OutputColumns.Predictions(predictions, predictionType, false, problems);
        var confidenceColumn = confidences is null ? null : OutputColumns.Confidences(confidences, false, problems);
        var labelColumn = labels is null ? null : OutputColumns.Labels(labels, false, problems);
        if (problems.Count > 0)
        {
            return ReferenceUpload.Refused(problems);
        }

        return new ReferenceUpload(new ReferenceData
        {
            Features = [.. built],
            Predictions = predictionColumn,
            Confidences = confidenceColumn,
            Labels = labelColumn,
            Source = "json",
        }, []);
    }

    private static ReferenceUpload? ReadValues(ref Utf8JsonReader reader, ReferenceColumnBuilder column, ReferenceLimits limits, ref long values)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ReferenceUpload.Refused(column.Field, "must be an array of values (numbers, strings or null)");
        }

        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (column.Length >= limits.MaxRows)
            {
                return ReferenceUpload.Refused(column.Field,
                    $"more than {limits.MaxRows:N0} values; a reference may have at most {limits.MaxRows:N0} rows (Monitor:Drift:MaxReferenceRows); send a sample", tooLarge: true);
            }

            if (++values > limits.MaxValues)
            {
                return ReferenceUpload.Refused("features",
                    $"more than {limits.MaxValues:N0} values in all (rows x features); send fewer rows or features", tooLarge: true);
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                    {
                        return ReferenceUpload.Refused($"{column.Field}[{column.Length}]", "is not a finite number");
                    }

                    column.AddNumber(number);
                    break;
                case JsonTokenType.String:
                    column.AddText(reader.GetString()!);
                    break;
                case JsonTokenType.Null:
                    column.AddMissing();
                    break;
                default:
                    return ReferenceUpload.Refused($"{column.Field}[{column.Length}]", $"must be a number, a string or null, got {reader.TokenType.ToString().ToLowerInvariant()}");
            }
        }

        return null;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the body ends before the reference is complete");
        }

        return reader.TokenType;
    }
}
