using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>
/// Reads a version's feature window (its last W records) into columns aligned with the reference, for the
/// drift engine, and counts the window's data quality in the same pass (<see cref="DataQualityCounter"/> with a
/// <see cref="WindowSink"/>). Numeric columns are copied slice by slice from the batches (they already hold NaN
/// where a record has no number); the buffers are kept and reused, so an evaluation allocates little beyond its
/// report. Not thread-safe: one per grain.
/// </summary>
public sealed class FeatureWindowReader
{
    // Names listed as unknown features, at most.
    private const int MaxUnknownNames = 50;

    private readonly DataQualityCounter _quality = new(QualitySchema.Observed(0));
    private double[][] _numbers = [];
    private string?[][] _labels = [];
    private double[] _predictionNumbers = [];
    private string?[] _predictionLabels = [];
    private double[] _confidences = [];

    public FeatureWindow Read(PreparedReference reference, RecentBatches recent, int windowSize)
    {
        var schema = reference.Schema;
        var features = reference.Features.Features;
        var records = Math.Min(windowSize, recent.Records);
        EnsureBuffers(features, records);
        _quality.Schema = schema;
        var sink = new WindowSink(_numbers, _labels);
        var quality = new DataQualityCounts();
        var unknown = new List<string>();
        var outputs = reference.Outputs;
        var predictionIsNumeric = outputs?.Find(PreparedReference.PredictionName) is NumericReferenceFeature;

        var skip = recent.Records - records;
        var at = 0;
        foreach (var batch in recent.Batches)
        {
            if (skip >= batch.Count)
            {
                skip -= batch.Count;
                continue;
            }

            int start = skip, end = batch.Count;
            skip = 0;

            // One pass per column: the window's values and its data quality together.
            sink.Offset = at;
            _quality.CountRange(batch, start, end, quality, sink);
            if (unknown.Count < MaxUnknownNames)
            {
                CollectUnknown(batch, _quality.LastColumnMap, start, end, unknown);
            }

            if (outputs is not null)
            {
                CopyOutputs(batch, start, end, at, predictionIsNumeric);
            }

            at += end - start;
        }

        var columns = new DriftColumn[features.Count];
        for (var j = 0; j < features.Count; j++)
        {
            columns[j] = Column(features[j], j, records, quality);
        }

        DriftColumn[] outputColumns = [];
        if (outputs is not null)
        {
            var list = new List<DriftColumn>(2);
            if (outputs.Find(PreparedReference.PredictionName) is not null)
            {
                list.Add(predictionIsNumeric
                    ? DriftColumn.Numeric(PreparedReference.PredictionName, _predictionNumbers.AsMemory(0, records))
                    : DriftColumn.Categorical(PreparedReference.PredictionName, new ArraySegment<string?>(_predictionLabels, 0, records)));
            }

            if (outputs.Find(PreparedReference.ConfidenceName) is not null)
            {
                list.Add(DriftColumn.Numeric(PreparedReference.ConfidenceName, _confidences.AsMemory(0, records)));
            }

            outputColumns = [.. list];
        }

        return new FeatureWindow(records, columns, outputColumns, quality, unknown);
    }

    // A numeric feature whose window holds text and no numbers is reported as a type mismatch, not as missing.
    private DriftColumn Column(ReferenceFeature feature, int j, int records, DataQualityCounts quality)
    {
        if (feature.Kind == FeatureKind.Categorical)
        {
            return DriftColumn.Categorical(feature.Name, new ArraySegment<string?>(_labels[j], 0, records));
        }

        // The window's counts were made under this schema, so the feature is usually at its own position.
        var index = j < quality.Features.Count && quality.Features[j] == feature.Name ? j : IndexIn(quality, feature.Name);
        if (index >= 0)
        {
            var wrong = quality.Count(index, DataQualityCounts.WrongTypeSlot);
            var present = quality.Count(index, DataQualityCounts.RecordsSlot) - quality.Count(index, DataQualityCounts.NullSlot)
                - quality.Count(index, DataQualityCounts.MissingSlot) - wrong;
            if (wrong > 0 && present == 0)
            {
                return DriftColumn.Categorical(feature.Name, new string?[wrong]);
            }
        }

        return DriftColumn.Numeric(feature.Name, _numbers[j].AsMemory(0, records));
    }

    private static int IndexIn(DataQualityCounts quality, string name)
    {
        for (var i = 0; i < quality.Features.Count; i++)
        {
            if (string.Equals(quality.Features[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void CopyOutputs(PredictionBatch batch, int start, int end, int at, bool predictionIsNumeric)
    {
        var predictions = batch.Predictions;
        var length = end - start;
        batch.Confidences.AsSpan(start, length).CopyTo(_confidences.AsSpan(at));
        if (predictionIsNumeric)
        {
            predictions.Numbers.AsSpan(start, length).CopyTo(_predictionNumbers.AsSpan(at));
            return;
        }

        for (var i = start; i < end; i++)
        {
            var number = predictions.Numbers[i];
            _predictionLabels[at + i - start] = predictions.Labels?[i] ?? (double.IsNaN(number) ? null : NumberLabel.Of(number));
        }
    }

    private static void CollectUnknown(PredictionBatch batch, ReadOnlySpan<int> toSchema, int start, int end, List<string> unknown)
    {
        for (var c = 0; c < batch.Features.Length; c++)
        {
            var column = batch.Features[c];
            if (toSchema[c] >= 0 || unknown.Contains(column.Name))
            {
                continue;
            }

            var kinds = column.Kinds;
            for (var i = start; i < end; i++)
            {
                if (kinds[i] != FeatureValueKind.Missing)
                {
                    unknown.Add(column.Name);
                    break;
                }
            }

            if (unknown.Count >= MaxUnknownNames)
            {
                return;
            }
        }
    }

    private void EnsureBuffers(IReadOnlyList<ReferenceFeature> features, int records)
    {
        if (_numbers.Length != features.Count)
        {
            _numbers = new double[features.Count][];
            _labels = new string?[features.Count][];
        }

        for (var j = 0; j < features.Count; j++)
        {
            if (features[j].Kind == FeatureKind.Numeric)
            {
                Grow(ref _numbers[j], records);
            }
            else
            {
                Grow(ref _labels[j], records);
            }
        }

        Grow(ref _predictionNumbers, records);
        Grow(ref _predictionLabels, records);
        Grow(ref _confidences, records);
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new T[length];
        }
    }
}

/// <summary>A feature window read for evaluation: its records, columns aligned with the reference, and its data quality.</summary>
public sealed record FeatureWindow(
    int Records,
    IReadOnlyList<DriftColumn> Features,
    IReadOnlyList<DriftColumn> Outputs,
    DataQualityCounts Quality,
    IReadOnlyList<string> UnknownFeatures);
