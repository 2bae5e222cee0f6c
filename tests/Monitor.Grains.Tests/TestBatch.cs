using Monitor.Grains.Ingest;

namespace Monitor.Grains.Tests;

/// <summary>Builds columnar batches for tests, one record at a time.</summary>
public sealed class TestBatch(string model, string version)
{
    private readonly List<(long Ts, double Latency, double Confidence, bool Ok, string? Error, object? Prediction, string? Id, Dictionary<string, object?> Features)> _records = [];

    public TestBatch Add(
        long timestampMs,
        double latencyMs,
        double confidence = double.NaN,
        bool ok = true,
        string? error = null,
        object? prediction = null,
        string? id = null,
        Dictionary<string, object?>? features = null)
    {
        _records.Add((timestampMs, latencyMs, confidence, ok, error, prediction, id, features ?? []));
        return this;
    }

    public PredictionBatch Build()
    {
        var n = _records.Count;
        var names = _records.SelectMany(r => r.Features.Keys).Distinct().ToArray();
        var columns = names.Select(name =>
        {
            var kinds = new FeatureValueKind[n];
            var numbers = new double[n];
            var texts = new string?[n];
            for (var i = 0; i < n; i++)
            {
                numbers[i] = double.NaN;
                if (!_records[i].Features.TryGetValue(name, out var v))
                {
                    kinds[i] = FeatureValueKind.Missing;
                }
                else if (v is null)
                {
                    kinds[i] = FeatureValueKind.Null;
                }
                else if (v is string s)
                {
                    kinds[i] = FeatureValueKind.Text;
                    texts[i] = s;
                }
                else
                {
                    kinds[i] = FeatureValueKind.Number;
                    numbers[i] = Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return new FeatureColumn { Name = name, Kinds = kinds, Numbers = numbers, Texts = texts };
        }).ToArray();

        return new PredictionBatch
        {
            Model = model,
            Version = version,
            Count = n,
            TimestampsMs = [.. _records.Select(r => r.Ts)],
            LatenciesMs = [.. _records.Select(r => r.Latency)],
            Confidences = [.. _records.Select(r => r.Confidence)],
            Succeeded = [.. _records.Select(r => r.Ok)],
            ErrorTypes = [.. _records.Select(r => r.Error)],
            Ids = [.. _records.Select(r => r.Id)],
            Predictions = new PredictionColumn
            {
                Numbers = [.. _records.Select(r => r.Prediction is string or null ? double.NaN : Convert.ToDouble(r.Prediction, System.Globalization.CultureInfo.InvariantCulture))],
                Labels = [.. _records.Select(r => r.Prediction as string)],
            },
            Features = columns,
        };
    }
}
