using Monitor.Statistics.HeavyHitters;

namespace Monitor.Grains.Segments;

/// <summary>
/// The segments of one key: a space-saving summary of its values (2K counters, so the top K by traffic are
/// known within its error bound), the buckets of every value it tracks, and the buckets of the rest (values not
/// tracked when their records came, values it evicted, records without the key). A key's top K are its segments;
/// "other" is the rest and the tracked values outside the top K, merged when asked for.
/// </summary>
public sealed class SegmentKeyBook
{
    private readonly Dictionary<string, SegmentSeries> _series = new(StringComparer.Ordinal);
    private readonly long _widthMs;
    private SpaceSaving _values;
    private readonly Func<string, bool> _tracked;
    private SegmentSeries _untracked = new();

    // Records of one value come in runs: the last value's series, so a run looks it up once.
    private string? _lastValue;
    private SegmentSeries? _lastSeries;

    public SegmentKeyBook(string key, int topK, long widthMs)
    {
        Key = key;
        TopK = topK;
        _widthMs = widthMs;
        _values = new SpaceSaving(Capacity(topK));
        _tracked = value => _values.Contains(value);
    }

    public string Key { get; }

    public int TopK { get; }

    /// <summary>True when records came since the last checkpoint took the key's page.</summary>
    public bool Changed { get; set; }

    /// <summary>Records with a value of the key, counted by the summary.</summary>
    public long Total => _values.Total;

    /// <summary>The key's values as the join index holds them.</summary>
    public SegmentCells Cells { get; set; } = new();

    public static int Capacity(int topK) => topK * 2;

    /// <summary>Counts one record: <paramref name="value"/> null when the record does not have the key.</summary>
    public void Add(string? value, long timeMs, long oldestMs, double latencyMs, bool succeeded, double confidence, double lowThreshold, string? predictedClass = null)
    {
        Changed = true;
        SegmentSeries series;
        if (value is null)
        {
            series = _untracked;
        }
        else
        {
            if (_values.Offer(value) is { } evicted && _series.Remove(evicted, out var gone))
            {
                _untracked.Merge(gone, _widthMs);
                if (string.Equals(evicted, _lastValue, StringComparison.Ordinal))
                {
                    (_lastValue, _lastSeries) = (null, null);
                }
            }

            if (_lastSeries is not null && string.Equals(value, _lastValue, StringComparison.Ordinal))
            {
                series = _lastSeries;
            }
            else
            {
                if (!_series.TryGetValue(value, out series!))
                {
                    series = new SegmentSeries();
                    _series[value] = series;
                }

                (_lastValue, _lastSeries) = (value, series);
            }
        }

        if (series.BucketFor(timeMs, _widthMs, oldestMs) is { } bucket)
        {
            bucket.Add(latencyMs, succeeded, confidence, lowThreshold);
            if (succeeded && predictedClass is not null && !double.IsNaN(confidence))
            {
                bucket.AddEstimate(predictedClass, confidence);
            }
        }
    }

    /// <summary>The join cell of a record's value (see <see cref="SegmentCells"/>).</summary>
    public byte CellOf(string? value, long timeMs) => Cells.CellOf(value, timeMs, _tracked);

    /// <summary>
    /// The outcome bucket a label of <paramref name="labelTimeMs"/> counts in for a prediction that had
    /// <paramref name="value"/> (null: none or unknown): the value's own series while tracked, else the rest's.
    /// </summary>
    public Outcomes.OutcomeBucket? OutcomesFor(string? value, long labelTimeMs, long oldestMs)
    {
        var series = value is not null && _series.TryGetValue(value, out var own) ? own : _untracked;
        var bucket = series.BucketFor(labelTimeMs, _widthMs, oldestMs);
        if (bucket is null)
        {
            return null;
        }

        Changed = true;
        return bucket.OutcomesOrNew();
    }

    /// <summary>The key's segments: its top K values, most traffic first.</summary>
    public IReadOnlyList<HeavyHitter> Top() => _values.Top(TopK);

    public bool IsTop(string value) => Top().Any(h => h.Value == value);

    /// <summary>The buckets of a segment: a top value's own, or for "other" everything outside the top K merged.</summary>
    public SegmentSeries? Series(string value)
    {
        if (value == SegmentName.Other)
        {
            return Other();
        }

        return IsTop(value) ? _series.GetValueOrDefault(value) ?? new SegmentSeries() : null;
    }

    /// <summary>Records of the key's buckets from <paramref name="fromMs"/> on, in all its segments.</summary>
    public long CountSince(long fromMs)
    {
        var count = _untracked.CountSince(fromMs);
        foreach (var series in _series.Values)
        {
            count += series.CountSince(fromMs);
        }

        return count;
    }

    /// <summary>Drops buckets that fell out of the span.</summary>
    public void Prune(long oldestMs)
    {
        _untracked.Prune(oldestMs, _widthMs);
        foreach (var series in _series.Values)
        {
            series.Prune(oldestMs, _widthMs);
        }
    }

    public SegmentKeyPage ToPage() => new()
    {
        Key = Key,
        CellValues = Cells.StoredValues(),
        CellSinceMs = Cells.StoredSinceMs(),
        Total = _values.Total,
        Values = [.. _values.Entries().Select(h => new SegmentValueCount(h.Value, h.Count, h.Error))],
        Series = new Dictionary<string, SegmentSeries>(_series, StringComparer.Ordinal),
        Untracked = _untracked,
    };

    /// <summary>The stored key under the current K: values beyond the new capacity fold into the rest.</summary>
    public static SegmentKeyBook FromPage(SegmentKeyPage page, int topK, long widthMs)
    {
        var book = new SegmentKeyBook(page.Key, topK, widthMs)
        {
            _values = SpaceSaving.Restore(Capacity(topK), page.Total, page.Values.Select(v => new HeavyHitter(v.Value, v.Count, v.Error))),
            _untracked = page.Untracked,
            Cells = SegmentCells.FromPage(page.CellValues, page.CellSinceMs),
        };

        foreach (var (value, series) in page.Series)
        {
            if (book._values.Contains(value))
            {
                book._series[value] = series;
            }
            else
            {
                book._untracked.Merge(series, widthMs);
            }
        }

        return book;
    }

    private SegmentSeries Other()
    {
        var other = new SegmentSeries();
        other.Merge(_untracked, _widthMs);
        var top = Top().Select(h => h.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (value, series) in _series)
        {
            if (!top.Contains(value))
            {
                other.Merge(series, _widthMs);
            }
        }

        return other;
    }
}
