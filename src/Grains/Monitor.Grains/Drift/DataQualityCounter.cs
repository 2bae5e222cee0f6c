using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Drift;

/// <summary>
/// Counts the data quality of records against the version's schema, column by column: a batch's records
/// usually share one time bucket, so each feature's values are checked in one tight loop per run of records
/// and added to that bucket's counts. With a reference, the same pass writes the values into the version's
/// feature ring, while the batch is in cache. Features are matched to the schema once per batch layout.
/// </summary>
public sealed class DataQualityCounter(QualitySchema schema)
{
    // The last batch layout seen: its feature names, where each sits in the schema, and the schema features it lacks.
    private string[] _layout = [];
    private int[] _columnToSchema = [];
    private int[] _absent = [];
    private string[]? _layoutSchema;
    private byte[] _flags = [];
    private readonly DataQualityCounts _discarded = new();

    public QualitySchema Schema { get; set; } = schema;

    /// <summary>
    /// Counts every record of the batch into the time bucket it belongs to (records already past the retention
    /// have no bucket and are not counted, as the windows do not count them) and writes every record to the ring.
    /// </summary>
    public QualityTotals Count(PredictionBatch batch, TieredBuckets buckets, long nowMs, FeatureRing? ring = null)
    {
        var totals = default(QualityTotals);
        var timestamps = batch.TimestampsMs;
        var width = buckets.FineWidthMs;
        var start = 0;
        while (start < batch.Count)
        {
            // Records of one fine interval share a bucket (the windows have placed them already); the run is
            // found by arithmetic, and the bucket looked up once per run.
            var interval = TieredBuckets.Floor(Math.Min(timestamps[start], nowMs), width);
            var end = start + 1;
            while (end < batch.Count && TieredBuckets.Floor(Math.Min(timestamps[end], nowMs), width) == interval)
            {
                end++;
            }

            var bucket = buckets.BucketFor(timestamps[start], nowMs);

            var counts = bucket?.QualityCounts ?? _discarded;
            var counted = Write(batch, start, end, counts, ring);
            if (bucket is not null)
            {
                totals += counted;
            }

            start = end;
        }

        return totals;
    }

    /// <summary>Counts records [start, end) into <paramref name="counts"/>, writing them to the ring in pieces that do not wrap.</summary>
    public QualityTotals Write(PredictionBatch batch, int start, int end, DataQualityCounts counts, FeatureRing? ring)
    {
        if (ring is null)
        {
            return CountRange(batch, start, end, counts, null);
        }

        var totals = default(QualityTotals);
        while (start < end)
        {
            var piece = Math.Min(end, start + ring.Room);
            totals += CountRange(batch, start, piece, counts, ring);
            start = piece;
        }

        return totals;
    }

    /// <summary>
    /// Counts records [start, end) of the batch into <paramref name="counts"/>; given a ring (which must have room
    /// for them before it wraps), writes their values, flags and outputs to it in the same pass.
    /// </summary>
    public QualityTotals CountRange(PredictionBatch batch, int start, int end, DataQualityCounts counts, FeatureRing? ring = null)
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
                if (enforce && FlagPresent(kinds, start, end, flags))
                {
                    flagged = true;
                    ring?.NoteUnknown(column.Name, n - 1);
                }

                continue;
            }

            ring?.Write(j, column, start, end);
            long nulls = 0, missing = 0, wrong = 0, outside = 0, unseen = 0;
            switch (schema.Check(j))
            {
                case QualityCheck.Numeric:
                {
                    double min = schema.Min(j), max = schema.Max(j);
                    var numbers = column.Numbers;
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
                                flags[i - start] |= FeatureRing.MissingFlag;
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
                    for (var i = start; i < end; i++)
                    {
                        switch (kinds[i])
                        {
                            case FeatureValueKind.Text:
                                unseen += schema.IsKnownCategory(j, texts![i]!) ? 0 : 1;
                                break;
                            case FeatureValueKind.Number:
                                unseen += schema.IsKnownCategory(j, numbers[i]) ? 0 : 1;
                                break;
                            case FeatureValueKind.Null:
                                nulls++;
                                break;
                            default:
                                missing++;
                                flags[i - start] |= FeatureRing.MissingFlag;
                                break;
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
            ring?.WriteAbsent(j, n);
        }

        if (enforce && absent.Length > 0)
        {
            for (var i = 0; i < flags.Length; i++)
            {
                flags[i] |= FeatureRing.MissingFlag;
            }

            flagged = true;
        }

        ring?.Advance(batch, start, end, flags);
        if (!enforce)
        {
            counts.AddRecords(n, false, 0, 0, 0);
            return new QualityTotals(n, 0, 0, 0);
        }

        long unknownRecords = 0, missingRecords = 0, violations = 0;
        if (flagged)
        {
            foreach (var f in flags)
            {
                unknownRecords += f & FeatureRing.UnknownFlag;
                missingRecords += (f & FeatureRing.MissingFlag) >> 1;
                violations += f != 0 ? 1 : 0;
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
                flags[i - start] |= FeatureRing.UnknownFlag;
                any = true;
            }
        }

        return any;
    }

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
