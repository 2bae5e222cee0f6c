using Monitor.Grains.Ingest;

namespace Monitor.Grains.Windows;

/// <summary>
/// Consecutive batches of one version as one batch holding the same records in the same order. A feature missing from
/// some of them is <see cref="FeatureValueKind.Missing"/> for their records, as the gateway builds a batch whose records
/// name different features.
/// </summary>
/// <remarks>
/// Why: under single-record requests a version's recent window holds hundreds of one-record batches. Each is a dozen
/// objects the collector must trace and, while its checkpoint segment is open, a dozen objects serialized again at
/// every checkpoint; merged, a segment is a few arrays.
/// </remarks>
public static class BatchMerge
{
    public static PredictionBatch Merge(IReadOnlyList<PredictionBatch> batches)
    {
        if (batches.Count == 1)
        {
            return batches[0];
        }

        var n = 0;
        var labels = false;
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            n += batch.Count;
            labels |= batch.Predictions.Labels is not null;
            foreach (var feature in batch.Features)
            {
                if (seen.Add(feature.Name))
                {
                    names.Add(feature.Name);
                }
            }
        }

        var timestamps = new long[n];
        var latencies = new double[n];
        var confidences = new double[n];
        var succeeded = new bool[n];
        var errors = new string?[n];
        var ids = new string?[n];
        var predictions = new double[n];
        var predictionLabels = labels ? new string?[n] : null;
        var at = 0;
        foreach (var b in batches)
        {
            b.TimestampsMs.AsSpan(0, b.Count).CopyTo(timestamps.AsSpan(at));
            b.LatenciesMs.AsSpan(0, b.Count).CopyTo(latencies.AsSpan(at));
            b.Confidences.AsSpan(0, b.Count).CopyTo(confidences.AsSpan(at));
            b.Succeeded.AsSpan(0, b.Count).CopyTo(succeeded.AsSpan(at));
            b.ErrorTypes.AsSpan(0, b.Count).CopyTo(errors.AsSpan(at));
            b.Ids.AsSpan(0, b.Count).CopyTo(ids.AsSpan(at));
            b.Predictions.Numbers.AsSpan(0, b.Count).CopyTo(predictions.AsSpan(at));
            b.Predictions.Labels?.AsSpan(0, b.Count).CopyTo(predictionLabels.AsSpan(at));
            at += b.Count;
        }

        return new PredictionBatch
        {
            Model = batches[0].Model,
            Version = batches[0].Version,
            Count = n,
            TimestampsMs = timestamps,
            LatenciesMs = latencies,
            Confidences = confidences,
            Succeeded = succeeded,
            ErrorTypes = errors,
            Predictions = new PredictionColumn { Numbers = predictions, Labels = predictionLabels },
            Ids = ids,
            Features = names.Select(name => Feature(name, batches, n)).ToArray(),
        };
    }

    private static FeatureColumn Feature(string name, IReadOnlyList<PredictionBatch> batches, int n)
    {
        var kinds = new FeatureValueKind[n];
        var numbers = new double[n];
        numbers.AsSpan().Fill(double.NaN);
        string?[]? texts = null;
        var at = 0;
        foreach (var b in batches)
        {
            var column = Array.Find(b.Features, f => f.Name == name);
            if (column is not null)
            {
                column.Kinds.AsSpan(0, b.Count).CopyTo(kinds.AsSpan(at));
                column.Numbers.AsSpan(0, b.Count).CopyTo(numbers.AsSpan(at));
                if (column.Texts is { } t)
                {
                    texts ??= new string?[n];
                    t.AsSpan(0, b.Count).CopyTo(texts.AsSpan(at));
                }
            }

            at += b.Count;
        }

        return new FeatureColumn { Name = name, Kinds = kinds, Numbers = numbers, Texts = texts };
    }
}
