using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>
/// Reads a version's feature window (its last W records) into columns aligned with the reference, for the
/// drift engine, and counts the window's data quality on the way. Numeric columns are copied slice by slice
/// from the batches (they already hold NaN where a record has no number); the buffers are kept and reused, so
/// an evaluation allocates little beyond its report. Not thread-safe: one per grain.
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

    // The last batch layout seen and where each reference feature sits in it.
    private string[] _layout = [];
    private int[] _columnOf = [];
    private bool[] _known = [];
    private QualitySchema? _layoutSchema;

    public FeatureWindow Read(PreparedReference reference, RecentBatches recent, int windowSize)
    {
        var schema = reference.Schema;
        var features = reference.Features.Features;
        var records = Math.Min(windowSize, recent.Records);
        EnsureBuffers(features, records);
        _quality.Schema = schema;
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

            int start = skip, end = batch.Count, length = end - start;
            skip = 0;
            var columnOf = ColumnsOf(batch.Features, schema);
            for (var j = 0; j < features.Count; j++)
            {
                var c = columnOf[j];
                if (features[j].Kind == FeatureKind.Numeric)
                {
                    if (c < 0)
                    {
                        _numbers[j].AsSpan(at, length).Fill(double.NaN);
                    }
                    else
                    {
                        Array.Copy(batch.Features[c].Numbers, start, _numbers[j], at, length);
                    }
                }
                else
                {
                    CopyLabels(c < 0 ? null : batch.Features[c], start, end, _labels[j], at);
                }
            }

            if (outputs is not null)
            {
                CopyOutputs(batch, start, end, at, predictionIsNumeric);
            }

            _quality.CountRange(batch, start, end, quality);
            CollectUnknown(batch, _known, start, end, unknown);
            at += length;
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

        var index = IndexIn(quality, feature.Name);
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

    private static void CopyLabels(FeatureColumn? column, int start, int end, string?[] target, int at)
    {
        if (column is null)
        {
            Array.Clear(target, at, end - start);
            return;
        }

        var kinds = column.Kinds;
        for (var i = start; i < end; i++)
        {
            target[at + i - start] = kinds[i] switch
            {
                FeatureValueKind.Text => column.Texts![i],
                FeatureValueKind.Number => NumberLabel.Of(column.Numbers[i]),
                _ => null,
            };
        }
    }

    private void CopyOutputs(PredictionBatch batch, int start, int end, int at, bool predictionIsNumeric)
    {
        var predictions = batch.Predictions;
        var length = end - start;
        Array.Copy(batch.Confidences, start, _confidences, at, length);
        if (predictionIsNumeric)
        {
            Array.Copy(predictions.Numbers, start, _predictionNumbers, at, length);
            return;
        }

        for (var i = start; i < end; i++)
        {
            var number = predictions.Numbers[i];
            _predictionLabels[at + i - start] = predictions.Labels?[i] ?? (double.IsNaN(number) ? null : NumberLabel.Of(number));
        }
    }

    private static void CollectUnknown(PredictionBatch batch, bool[] known, int start, int end, List<string> unknown)
    {
        if (unknown.Count >= MaxUnknownNames)
        {
            return;
        }

        for (var c = 0; c < batch.Features.Length; c++)
        {
            var column = batch.Features[c];
            if (known[c] || unknown.Contains(column.Name))
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

    // Where each reference feature sits in the batch's columns (-1: absent); kept while batches repeat the layout.
    private int[] ColumnsOf(FeatureColumn[] columns, QualitySchema schema)
    {
        var same = ReferenceEquals(_layoutSchema, schema) && _layout.Length == columns.Length;
        for (var c = 0; same && c < columns.Length; c++)
        {
            same = string.Equals(_layout[c], columns[c].Name, StringComparison.Ordinal);
        }

        if (same)
        {
            return _columnOf;
        }

        var layout = new string[columns.Length];
        var known = new bool[columns.Length];
        var columnOf = new int[schema.Count];
        Array.Fill(columnOf, -1);
        for (var c = 0; c < columns.Length; c++)
        {
            layout[c] = columns[c].Name;
            var j = schema.IndexOf(columns[c].Name);
            if (j >= 0)
            {
                columnOf[j] = c;
                known[c] = true;
            }
        }

        _layout = layout;
        _known = known;
        _columnOf = columnOf;
        _layoutSchema = schema;
        return columnOf;
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
