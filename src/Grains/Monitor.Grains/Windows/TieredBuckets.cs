namespace Monitor.Grains.Windows;

/// <summary>
/// Time-bucketed history of one model version with bounded memory: fine buckets (default 10 s) for
/// the recent span (default 1 h), then coarse buckets (default 5 min) up to the retention (default
/// 24 h). A fine bucket rolls into its coarse bucket when its ring slot is reused, so the two tiers
/// never hold the same record twice.
/// </summary>
[GenerateSerializer, Alias("monitor.TieredBuckets")]
public sealed class TieredBuckets
{
    [Id(0)] private readonly long _fineMs;
    [Id(1)] private readonly long _coarseMs;
    [Id(2)] private readonly MetricBucket?[] _fine;
    [Id(3)] private readonly MetricBucket?[] _coarse;

    public TieredBuckets(TimeSpan fineWidth, TimeSpan fineSpan, TimeSpan coarseWidth, TimeSpan retention)
    {
        _fineMs = (long)fineWidth.TotalMilliseconds;
        _coarseMs = (long)coarseWidth.TotalMilliseconds;
        if (_fineMs <= 0 || _coarseMs < _fineMs || _coarseMs % _fineMs != 0)
        {
            throw new ArgumentException("The coarse bucket width must be a positive multiple of the fine width.");
        }

        // Two slots more than the span: everything rolled into the coarse tier then ends before any
        // period that starts within the span (even one floored to a bucket boundary), so such periods
        // are answered from fine buckets alone.
        _fine = new MetricBucket?[Math.Max(1, (int)Math.Ceiling(fineSpan.TotalMilliseconds / _fineMs)) + 2];
        _coarse = new MetricBucket?[Math.Max(1, (int)Math.Ceiling(retention.TotalMilliseconds / _coarseMs))];
    }

    public long FineWidthMs => _fineMs;

    public long CoarseWidthMs => _coarseMs;

    /// <summary>Periods starting less than this long ago are answered from fine buckets alone.</summary>
    public long FineSpanMs => (_fine.Length - 1) * _fineMs;

    /// <summary>The oldest time the history can still answer for, given the newest time it has seen.</summary>
    public long RetentionMs => _coarse.Length * _coarseMs;

    /// <summary>
    /// The bucket a record at this time belongs to, or null when it is older than the retention. A
    /// record stamped ahead of the clock (skew) counts as now, so it cannot push recent buckets out early.
    /// </summary>
    public MetricBucket? BucketFor(long timestampMs, long nowMs)
    {
        timestampMs = Math.Min(timestampMs, nowMs);
        var start = Floor(timestampMs, _fineMs);
        if (start <= nowMs - (_fine.Length * _fineMs))
        {
            return CoarseBucketFor(timestampMs, nowMs);
        }

        var slot = (int)((start / _fineMs) % _fine.Length);
        var bucket = _fine[slot];
        if (bucket is not null && bucket.StartMs == start)
        {
            return bucket;
        }

        if (bucket is not null && bucket.StartMs > start)
        {
            // The slot already holds a newer interval: this record belongs to the coarse tier.
            return CoarseBucketFor(timestampMs, nowMs);
        }

        if (bucket is not null)
        {
            CoarseBucketFor(bucket.StartMs, nowMs)?.Merge(bucket);
        }

        bucket = new MetricBucket(start);
        _fine[slot] = bucket;
        return bucket;
    }

    /// <summary>
    /// The buckets that cover [fromMs, toMs): fine buckets whose interval starts inside it and coarse
    /// buckets that overlap it, when the period reaches past the fine span. Coarse buckets make such
    /// an answer's start up to one coarse width early.
    /// </summary>
    public IEnumerable<MetricBucket> Covering(long fromMs, long toMs, long nowMs)
    {
        var oldest = nowMs - RetentionMs;
        var needsCoarse = fromMs < nowMs - FineSpanMs;
        foreach (var bucket in _coarse)
        {
            if (needsCoarse && bucket is not null && bucket.StartMs >= oldest && bucket.StartMs + _coarseMs > fromMs && bucket.StartMs < toMs)
            {
                yield return bucket;
            }
        }

        foreach (var bucket in _fine)
        {
            if (bucket is not null && bucket.StartMs >= oldest && bucket.StartMs >= Floor(fromMs, _fineMs) && bucket.StartMs < toMs)
            {
                yield return bucket;
            }
        }
    }

    /// <summary>Number of buckets currently allocated; bounded by the ring sizes.</summary>
    public int AllocatedBuckets
    {
        get
        {
            var n = 0;
            foreach (var b in _fine)
            {
                n += b is null ? 0 : 1;
            }

            foreach (var b in _coarse)
            {
                n += b is null ? 0 : 1;
            }

            return n;
        }
    }

    public static long Floor(long timeMs, long widthMs) => timeMs - (((timeMs % widthMs) + widthMs) % widthMs);

    private MetricBucket? CoarseBucketFor(long timestampMs, long nowMs)
    {
        if (timestampMs < nowMs - RetentionMs)
        {
            return null;
        }

        var start = Floor(timestampMs, _coarseMs);
        var slot = (int)((start / _coarseMs) % _coarse.Length);
        var bucket = _coarse[slot];
        if (bucket is not null && bucket.StartMs == start)
        {
            return bucket;
        }

        if (bucket is not null && bucket.StartMs > start)
        {
            return null;
        }

        bucket = new MetricBucket(start);
        _coarse[slot] = bucket;
        return bucket;
    }
}
