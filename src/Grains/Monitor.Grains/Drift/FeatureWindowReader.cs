using Monitor.Grains.Ingest;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>
/// Turns a version's feature ring into columns for the drift engine and counts the window's data quality.
/// Numeric columns are the ring's own arrays (drift tests do not depend on order); categorical columns are
/// labelled into buffers kept between evaluations. Not thread-safe: one per grain.
/// </summary>
public sealed class FeatureWindowReader
{
    private string?[][] _labels = [];
    private string?[] _predictionLabels = [];

    public FeatureWindow Read(PreparedReference reference, FeatureRing ring)
    {
        var schema = ring.Schema;
        var features = reference.Features.Features;
        var count = ring.Count;
        if (_labels.Length != features.Count)
        {
            _labels = new string?[features.Count][];
        }

        var quality = Quality(ring);
        var columns = new List<DriftColumn>(features.Count);
        for (var j = 0; j < features.Count; j++)
        {
            var feature = features[j];

            // No record of the window carries the feature: it is missing from the window, as a CSV without its column
            // is for monitor drift (the engine then says missing_from_current), not a feature with too few values.
            if (count > 0 && quality.Count(j, DataQualityCounts.MissingSlot) == count)
            {
                continue;
            }

            if (schema.Check(j) == QualityCheck.Categorical)
            {
                Label(ring.Kinds[j], ring.Texts[j], ring.Numbers[j], count, ref _labels[j]);
                columns.Add(DriftColumn.Categorical(feature.Name, new ArraySegment<string?>(_labels[j], 0, count)));
                continue;
            }

            // A numeric feature that arrives only as text is a type mismatch, not a feature with missing values.
            var wrong = quality.Count(j, DataQualityCounts.WrongTypeSlot);
            var present = quality.Count(j, DataQualityCounts.RecordsSlot) - quality.Count(j, DataQualityCounts.NullSlot)
                - quality.Count(j, DataQualityCounts.MissingSlot) - wrong;
            columns.Add(wrong > 0 && present == 0
                ? DriftColumn.Categorical(feature.Name, new string?[wrong])
                : DriftColumn.Numeric(feature.Name, ring.Numbers[j].AsMemory(0, count)));
        }

        var outputs = new List<DriftColumn>(2);
        if (reference.Outputs is { } outputReference && ring.Confidences is not null)
        {
            if (outputReference.Find(PreparedReference.PredictionName) is { } prediction)
            {
                if (prediction.Kind == FeatureKind.Numeric)
                {
                    outputs.Add(DriftColumn.Numeric(PreparedReference.PredictionName, ring.PredictionNumbers.AsMemory(0, count)));
                }
                else
                {
                    LabelPredictions(ring, count);
                    outputs.Add(DriftColumn.Categorical(PreparedReference.PredictionName, new ArraySegment<string?>(_predictionLabels, 0, count)));
                }
            }

            if (outputReference.Find(PreparedReference.ConfidenceName) is not null)
            {
                outputs.Add(DriftColumn.Numeric(PreparedReference.ConfidenceName, ring.Confidences.AsMemory(0, count)));
            }
        }

        return new FeatureWindow(count, columns, outputs, quality, ring.UnknownFeatures());
    }

    /// <summary>The window's data quality, counted from the ring (the same rules as at ingest).</summary>
    private static DataQualityCounts Quality(FeatureRing ring)
    {
        var schema = ring.Schema;
        var count = ring.Count;
        var counts = new DataQualityCounts();
        var map = counts.MapFor(schema);
        var counters = counts.Counters;
        for (var j = 0; j < schema.Count; j++)
        {
            var kinds = ring.Kinds[j].AsSpan(0, count);
            var numbers = ring.Numbers[j];
            var texts = ring.Texts[j];
            var check = schema.Check(j);
            double min = schema.Min(j), max = schema.Max(j);
            long nulls = 0, missing = 0, wrong = 0, outside = 0, unseen = 0;
            for (var i = 0; i < kinds.Length; i++)
            {
                switch (kinds[i])
                {
                    case FeatureValueKind.Number:
                        if (check == QualityCheck.Numeric)
                        {
                            var v = numbers[i];
                            outside += v < min || v > max ? 1 : 0;
                        }
                        else
                        {
                            unseen += schema.IsKnownCategory(j, numbers[i]) ? 0 : 1;
                        }

                        break;
                    case FeatureValueKind.Text:
                        if (check == QualityCheck.Numeric)
                        {
                            wrong++;
                        }
                        else
                        {
                            unseen += schema.IsKnownCategory(j, texts[i]!) ? 0 : 1;
                        }

                        break;
                    case FeatureValueKind.Null:
                        nulls++;
                        break;
                    default:
                        missing++;
                        break;
                }
            }

            var k = map[j] * DataQualityCounts.Stride;
            counters[k + DataQualityCounts.RecordsSlot] = count;
            counters[k + DataQualityCounts.NullSlot] = nulls;
            counters[k + DataQualityCounts.MissingSlot] = missing;
            counters[k + DataQualityCounts.WrongTypeSlot] = wrong;
            counters[k + DataQualityCounts.OutOfRangeSlot] = outside;
            counters[k + DataQualityCounts.UnseenSlot] = unseen;
        }

        long unknownRecords = 0, missingRecords = 0, violations = 0;
        foreach (var f in ring.RecordFlags.AsSpan(0, count))
        {
            unknownRecords += f & FeatureRing.UnknownFlag;
            missingRecords += (f & FeatureRing.MissingFlag) >> 1;
            violations += f != 0 ? 1 : 0;
        }

        counts.AddRecords(count, schema.FromReference, unknownRecords, missingRecords, violations);
        return counts;
    }

    // Categories are texts; numbers in a categorical feature are categories by their text form.
    private static void Label(FeatureValueKind[] kinds, string?[] texts, double[] numbers, int count, ref string?[] labels)
    {
        if (labels is null || labels.Length < count)
        {
            labels = new string?[count];
        }

        for (var i = 0; i < count; i++)
        {
            labels[i] = kinds[i] switch
            {
                FeatureValueKind.Text => texts[i],
                FeatureValueKind.Number => NumberLabel.Of(numbers[i]),
                _ => null,
            };
        }
    }

    private void LabelPredictions(FeatureRing ring, int count)
    {
        if (_predictionLabels.Length < count)
        {
            _predictionLabels = new string?[count];
        }

        var labels = ring.PredictionLabels!;
        var numbers = ring.PredictionNumbers!;
        for (var i = 0; i < count; i++)
        {
            _predictionLabels[i] = labels[i] ?? (double.IsNaN(numbers[i]) ? null : NumberLabel.Of(numbers[i]));
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
