using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Drift;

/// <summary>
/// Counts the data quality of records against the version's schema, column by column: a batch's records
/// usually share one time bucket, so each feature's values are checked in one tight loop per run of
/// records and added to that bucket's counts. Features are matched to the schema once per batch layout.
/// </summary>
public sealed class DataQualityCounter(QualitySchema schema)
{
    private const byte UnknownFlag = 1;
    private const byte MissingFlag = 2;

    // The last batch layout seen: its feature names, and where each sits in the schema.
    private string[] _layout = [];
    private int[] _columnToSchema = [];
    private int[] _absent = [];
    private string[]? _layoutSchema;
    private byte[] _flags = [];

    public QualitySchema Schema { get; set; } = schema;

    /// <summary>Counts every record of the batch into the time bucket it belongs to (records past the retention are skipped, as the window skips them).</summary>
    public QualityTotals Count(PredictionBatch batch, TieredBuckets buckets, long nowMs)
    {
        var totals = default(QualityTotals);
        var start = 0;
        while (start < batch.Count)
        {
            var bucket = buckets.BucketFor(batch.TimestampsMs[start], nowMs);
            var end = start + 1;
            while (end < batch.Count && ReferenceEquals(buckets.BucketFor(batch.TimestampsMs[end], nowMs), bucket))
            {
                end++;
            }

            if (bucket is not null)
            {
                totals += CountRange(batch, start, end, bucket.QualityCounts);
            }

            start = end;
        }

        return totals;
    }

    /// <summary>
    /// Counts records [start, end) of the batch into <paramref name="counts"/>, and, given a <paramref name="sink"/>,
    /// writes the schema features' values to it in the same pass (how the feature window is read for drift).
    /// </summary>
    public QualityTotals CountRange(PredictionBatch batch, int start, int end, DataQualityCounts counts, WindowSink? sink = null)
    {
        var schema = Schema;
        var n = end - start;
        if (n <= 0)
        {
            return default;
        }

        var columns = batch.Features;
        var toSchema = MapColumns(columns, schema);
        var absent = _absent;
        var map = counts.MapFor(schema);
        var counters = counts.Counters;
        var enforce = schema.FromReference;
        var flags = Scratch(ref _flags, n);
        var flagged = false;

        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var kinds = column.Kinds;
            var j = toSchema[c];
            if (j < 0)
            {
                if (enforce)
                {
                    flagged |= FlagPresent(kinds, start, end, flags);
                }

                continue;
            }

            long nulls = 0, missing = 0, wrong = 0, outside = 0, unseen = 0;
            switch (schema.Check(j))
            {
                case QualityCheck.Numeric:
                {
                    double min = schema.Min(j), max = schema.Max(j);
                    var numbers = column.Numbers;
                    if (sink is not null)
                    {
                        // Numbers hold NaN wherever a record has no number: the slice is the window's column as is.
                        numbers.AsSpan(start, n).CopyTo(sink.Numbers[j].AsSpan(sink.Offset));
                    }

                    for (var i = start; i < end; i++)
                    {
                        switch (kinds[i])
                        {
                            case FeatureValueKind.Number:
                                var v = numbers[i];
                                outside += v < min || v > max ? 1 : 0;
                                break;
                            case FeatureValueKind.Null:
                                nulls++;
                                break;
                            case FeatureValueKind.Missing:
                                missing++;
                                flags[i - start] |= MissingFlag;
                                break;
                            default:
                                wrong++;
                                break;
                        }
                    }

                    break;
                }

                case QualityCheck.Categorical:
                {
                    var numbers = column.Numbers;
                    var texts = column.Texts;
                    var labels = sink is null ? default : sink.Labels[j].AsSpan(sink.Offset, n);
                    for (var i = start; i < end; i++)
                    {
                        string? label = null;
                        switch (kinds[i])
                        {
                            case FeatureValueKind.Text:
                                label = texts![i]!;
                                unseen += schema.IsKnownCategory(j, label) ? 0 : 1;
                                break;
                            case FeatureValueKind.Number:
                                unseen += schema.IsKnownCategory(j, numbers[i]) ? 0 : 1;
                                label = sink is null ? null : NumberLabel.Of(numbers[i]);
                                break;
                            case FeatureValueKind.Null:
                                nulls++;
                                break;
                            default:
                                missing++;
                                flags[i - start] |= MissingFlag;
                                break;
                        }

                        if (sink is not null)
                        {
                            labels[i - start] = label;
                        }
                    }

                    break;
                }

                default:
                    for (var i = start; i < end; i++)
                    {
                        var kind = kinds[i];
                        nulls += kind == FeatureValueKind.Null ? 1 : 0;
                        missing += kind == FeatureValueKind.Missing ? 1 : 0;
                    }

                    break;
            }

            var k = map[j] * DataQualityCounts.Stride;
            counters[k + DataQualityCounts.RecordsSlot] += n;
            if ((nulls | missing | wrong | outside | unseen) != 0)
            {
                flagged |= enforce && missing > 0;
                counters[k + DataQualityCounts.NullSlot] += nulls;
                counters[k + DataQualityCounts.MissingSlot] += missing;
                counters[k + DataQualityCounts.WrongTypeSlot] += wrong;
                counters[k + DataQualityCounts.OutOfRangeSlot] += outside;
                counters[k + DataQualityCounts.UnseenSlot] += unseen;
            }
        }

        // Schema features the batch has no column for are missing from every record.
        foreach (var j in absent)
        {
            var k = map[j] * DataQualityCounts.Stride;
            counters[k + DataQualityCounts.RecordsSlot] += n;
            counters[k + DataQualityCounts.MissingSlot] += n;
            sink?.Missing(j, n, schema.Check(j));
        }

        var allMissing = absent.Length > 0;

        if (!enforce)
        {
            counts.AddRecords(n, false, 0, 0, 0);
            return new QualityTotals(n, 0, 0, 0);
        }

        long unknownRecords = 0, missingRecords = allMissing ? n : 0, violations = allMissing ? n : 0;
        if (flagged)
        {
            for (var i = 0; i < n; i++)
            {
                var f = flags[i];
                unknownRecords += f & UnknownFlag;
                if (!allMissing)
                {
                    missingRecords += (f & MissingFlag) >> 1;
                    violations += f != 0 ? 1 : 0;
                }
            }
        }

        counts.AddRecords(n, true, unknownRecords, missingRecords, violations);
        return new QualityTotals(n, unknownRecords, missingRecords, violations);
    }

    private static bool FlagPresent(FeatureValueKind[] kinds, int start, int end, Span<byte> flags)
    {
        var any = false;
        for (var i = start; i < end; i++)
        {
            if (kinds[i] != FeatureValueKind.Missing)
            {
                flags[i - start] |= UnknownFlag;
                any = true;
            }
        }

        return any;
    }

    /// <summary>For the batch counted last: each column's position in the schema (-1 for a feature it does not have).</summary>
    public ReadOnlySpan<int> LastColumnMap => _columnToSchema;

    // Batches of one version mostly repeat the same feature layout (the parser reuses its name strings), so
    // the match to the schema is kept and checked by reference first.
    private int[] MapColumns(FeatureColumn[] columns, QualitySchema schema)
    {
        var same = ReferenceEquals(_layoutSchema, schema.Names) && _layout.Length == columns.Length;
        for (var c = 0; same && c < columns.Length; c++)
        {
            same = string.Equals(_layout[c], columns[c].Name, StringComparison.Ordinal);
        }

        if (same)
        {
            return _columnToSchema;
        }

        var layout = new string[columns.Length];
        var map = new int[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            layout[c] = columns[c].Name;
            map[c] = schema.IndexOf(columns[c].Name);
        }

        // Resolving may have appended observed features, so the schema is read afterwards.
        var present = new bool[schema.Count];
        foreach (var j in map)
        {
            if (j >= 0)
            {
                present[j] = true;
            }
        }

        var absent = new List<int>();
        for (var j = 0; j < present.Length; j++)
        {
            if (!present[j])
            {
                absent.Add(j);
            }
        }

        _layout = layout;
        _columnToSchema = map;
        _absent = [.. absent];
        _layoutSchema = schema.Names;
        return map;
    }

    private static Span<T> Scratch<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }

        var span = buffer.AsSpan(0, length);
        span.Clear();
        return span;
    }
}

/// <summary>Record-level counts of one counting pass: records counted and those with unknown or missing features.</summary>
public readonly record struct QualityTotals(long Records, long UnknownFeatureRecords, long MissingFeatureRecords, long ViolationRecords)
{
    public static QualityTotals operator +(QualityTotals a, QualityTotals b) =>
        new(a.Records + b.Records, a.UnknownFeatureRecords + b.UnknownFeatureRecords,
            a.MissingFeatureRecords + b.MissingFeatureRecords, a.ViolationRecords + b.ViolationRecords);
}

/// <summary>
/// Where <see cref="DataQualityCounter.CountRange"/> writes the values of a reference schema's features, at
/// <see cref="Offset"/>: numbers (NaN where a record has none) for numeric features, labels for categorical ones.
/// </summary>
public sealed class WindowSink(double[][] numbers, string?[][] labels)
{
    public double[][] Numbers { get; } = numbers;

    public string?[][] Labels { get; } = labels;

    public int Offset { get; set; }

    internal void Missing(int feature, int count, QualityCheck check)
    {
        if (check == QualityCheck.Numeric)
        {
            Numbers[feature].AsSpan(Offset, count).Fill(double.NaN);
        }
        else if (check == QualityCheck.Categorical)
        {
            Labels[feature].AsSpan(Offset, count).Clear();
        }
    }
}
