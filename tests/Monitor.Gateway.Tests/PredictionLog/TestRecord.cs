using Monitor.Grains.Ingest;

namespace Monitor.Gateway.Tests.PredictionLog;

/// <summary>One record as a test states it; <see cref="Batch"/> turns records into a columnar batch.</summary>
/// <remarks>Feature values: a double, a string, null (JSON null), or <see cref="Missing"/> (not named).</remarks>
public sealed record TestRecord(
    long TimestampMs,
    string? Id,
    IReadOnlyDictionary<string, object?> Features,
    object? Prediction,
    double? Confidence,
    double LatencyMs,
    bool Succeeded = true,
    string? Error = null)
{
    public static readonly object Missing = new();

    public static PredictionBatch Batch(string model, string version, IReadOnlyList<TestRecord> records)
    {
        var names = new List<string>();
        foreach (var record in records)
        {
            foreach (var name in record.Features.Keys)
            {
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
        }

        var n = records.Count;
        var columns = names.Select(name =>
        {
            var kinds = new FeatureValueKind[n];
            var numbers = new double[n];
            string?[]? texts = null;
            for (var i = 0; i < n; i++)
            {
                numbers[i] = double.NaN;
                if (!records[i].Features.TryGetValue(name, out var value) || ReferenceEquals(value, Missing))
                {
                    kinds[i] = FeatureValueKind.Missing;
                }
                else if (value is null)
                {
                    kinds[i] = FeatureValueKind.Null;
                }
                else if (value is string text)
                {
                    kinds[i] = FeatureValueKind.Text;
                    (texts ??= new string?[n])[i] = text;
                }
                else
                {
                    kinds[i] = FeatureValueKind.Number;
                    numbers[i] = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return new FeatureColumn { Name = name, Kinds = kinds, Numbers = numbers, Texts = texts };
        }).ToArray();

        string?[]? labels = records.Any(r => r.Prediction is string) ? new string?[n] : null;
        var predictions = new double[n];
        for (var i = 0; i < n; i++)
        {
            predictions[i] = double.NaN;
            switch (records[i].Prediction)
            {
                case string label:
                    labels![i] = label;
                    break;
                case null:
                    break;
                case var number:
                    predictions[i] = Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        return new PredictionBatch
        {
            Model = model,
            Version = version,
            Count = n,
            TimestampsMs = records.Select(r => r.TimestampMs).ToArray(),
            LatenciesMs = records.Select(r => r.LatencyMs).ToArray(),
            Confidences = records.Select(r => r.Confidence ?? double.NaN).ToArray(),
            Succeeded = records.Select(r => r.Succeeded).ToArray(),
            ErrorTypes = records.Select(r => r.Error).ToArray(),
            Ids = records.Select(r => r.Id).ToArray(),
            Features = columns,
            Predictions = new PredictionColumn { Numbers = predictions, Labels = labels },
        };
    }

    /// <summary>A batch of <paramref name="count"/> numeric records with four features, ids <c>{prefix}-{i}</c>.</summary>
    public static PredictionBatch Numeric(string prefix, int count, long timestampMs = 1_795_000_000_000, string model = "fraud", string version = "v1")
    {
        var records = new TestRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = new TestRecord(
                timestampMs + i,
                $"{prefix}-{i}",
                new Dictionary<string, object?> { ["f0"] = i * 0.5, ["f1"] = 100.0 - i, ["f2"] = i % 7, ["f3"] = 1e-3 * i },
                i % 2,
                0.5 + (i % 50) / 100.0,
                10 + i % 13);
        }

        return Batch(model, version, records);
    }
}
