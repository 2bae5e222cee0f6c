using Monitor.Grains.Ingest;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Reads each row's prediction and confidence from a response's outputs under the model's mapping. Without
/// one, the first output is the prediction; when it holds several values per row it is read as a probability
/// vector: the prediction is its argmax (a class name where the payload or mapping names the classes) and the
/// confidence its maximum.
/// </summary>
public static class PredictionTable
{
    public static PredictionValues Build(InferencePayload response, ModelMapping mapping)
    {
        if (response.Tensors.Count == 0)
        {
            throw new PayloadException("outputs", "the response has no output");
        }

        var output = Find(response, mapping.PredictionOutput, "mapping.prediction_output");
        var reading = mapping.PredictionOutput is null && mapping.Prediction == OutputReading.Value && output.Width > 1
            ? OutputReading.Argmax
            : mapping.Prediction;
        var rows = output.Rows;
        var numbers = new double[rows];
        string?[]? labels = null;
        var classNames = mapping.ClassNames ?? output.ColumnNames;
        for (var r = 0; r < rows; r++)
        {
            numbers[r] = double.NaN;
            switch (reading)
            {
                case OutputReading.Value:
                    if (output.Width != 1)
                    {
                        throw new PayloadException("mapping.prediction", $"output '{output.Name}' holds {output.Width} values per row; read it as \"argmax\" or \"max\"");
                    }

                    var kind = output.Kinds[r];
                    if (kind == FeatureValueKind.Text)
                    {
                        (labels ??= new string?[rows])[r] = output.Texts![r];
                    }
                    else if (kind == FeatureValueKind.Number)
                    {
                        numbers[r] = output.Numbers[r];
                    }

                    break;
                case OutputReading.Argmax:
                    var best = Argmax(output, r);
                    if (best < 0)
                    {
                        break;
                    }

                    if (classNames is not null && best < classNames.Length)
                    {
                        (labels ??= new string?[rows])[r] = classNames[best];
                    }
                    else
                    {
                        numbers[r] = best;
                    }

                    break;
                default:
                    var max = Argmax(output, r);
                    numbers[r] = max < 0 ? double.NaN : output.Numbers[output.Index(r, max)];
                    break;
            }
        }

        return new PredictionValues(rows, numbers, labels, Confidences(response, mapping, output, reading, rows));
    }

    private static double[] Confidences(InferencePayload response, ModelMapping mapping, Tensor prediction, OutputReading reading, int rows)
    {
        var confidences = new double[rows];
        Array.Fill(confidences, double.NaN);
        Tensor source;
        OutputReading confidenceReading;
        if (mapping.ConfidenceOutput is { } name)
        {
            source = Find(response, name, "mapping.confidence_output");
            confidenceReading = source.Width > 1 && mapping.Confidence == OutputReading.Value ? OutputReading.Max : mapping.Confidence;
            if (source.Rows != rows)
            {
                throw new PayloadException(source.Path, $"has {source.Rows} rows where the prediction output has {rows}");
            }
        }
        else if (reading == OutputReading.Argmax)
        {
            source = prediction;
            confidenceReading = OutputReading.Max;
        }
        else
        {
            return confidences;
        }

        for (var r = 0; r < rows; r++)
        {
            var value = confidenceReading switch
            {
                OutputReading.Value when source.Width == 1 && source.Kinds[r] == FeatureValueKind.Number => source.Numbers[r],
                OutputReading.Argmax or OutputReading.Max when Argmax(source, r) is >= 0 and var best => source.Numbers[source.Index(r, best)],
                _ => double.NaN,
            };

            // A score outside [0, 1] (a logit, a margin) is no confidence: the record keeps none.
            confidences[r] = value is >= 0 and <= 1 ? value : double.NaN;
        }

        return confidences;
    }

    private static Tensor Find(InferencePayload response, string? name, string field)
    {
        if (name is null)
        {
            return response.Tensors[0];
        }

        return response.Tensors.FirstOrDefault(t => t.Name == name)
            ?? throw new PayloadException(field, $"the response has no output '{name}' (it has {string.Join(", ", response.Tensors.Select(t => $"'{t.Name}'"))})");
    }

    /// <summary>The index of the row's largest number (the first on ties); -1 when the row has none.</summary>
    private static int Argmax(Tensor tensor, int row)
    {
        var best = -1;
        var max = double.NegativeInfinity;
        for (var k = 0; k < tensor.Width; k++)
        {
            var i = tensor.Index(row, k);
            if (tensor.Kinds[i] == FeatureValueKind.Number && (best < 0 || tensor.Numbers[i] > max))
            {
                best = k;
                max = tensor.Numbers[i];
            }
        }

        return best;
    }
}
