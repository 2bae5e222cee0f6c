namespace Monitor.Grains.Windows;

/// <summary>
/// Time-bucketed history of one model version with bounded memory: fine buckets (default 10 s) for
/// the recent span (default 1 h), then coarse buckets (default 5 min) up to the retention (default
/// 24 h). A fine bucket rolls into its coarse bucket when its ring slot is reused, so the two tiers
/// never hold the same record twice.
/// </summary>
/// <remarks>
/// Checkpoints store every bucket as its own page (see <see cref="Checkpoints.WindowPages"/>): only
/// the buckets changed since the last checkpoint are written, and the serialized form of this class
/// holds just the widths and which slots are occupied. A checkpoint restores whole, so a rolled fine
/// bucket is never in both tiers; coarse pages stored before pages had two rows remember which fine
/// buckets were rolled into them, which keeps that true for them too. Buckets whose interval is over
/// are compacted (<see cref="MetricBucket.Compact"/>).
/// </remarks>
[GenerateSerializer, Alias("monitor.TieredBuckets")]
public sealed class TieredBuckets
{
    [Id(0)] private readonly long _fineMs;
    [Id(1)] private readonly long _coarseMs;
    [Id(4)] private readonly int _fineLength;
    [Id(5)] private readonly int _coarseLength;
    [Id(6)] private ulong[] _fineHeld = [];
    [Id(7)] private ulong[] _coarseHeld = [];
    [NonSerialized] private MetricBucket?[] _fine = [];
    [NonSerialized] private MetricBucket?[] _coarse = [];
    [NonSerialized] private HashSet<int> _dirtyFine = [];
    [NonSerialized] private HashSet<int> _dirtyCoarse = [];

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
        _fineLength = Math.Max(1, (int)Math.Ceiling(fineSpan.TotalMilliseconds / _fineMs)) + 2;
        _coarseLength = Math.Max(1, (int)Math.Ceiling(retention.TotalMilliseconds / _coarseMs));
        Allocate();
    }

    /// <summary>Fine slots; a slot's bucket is checkpointed as page "fine.{slot}".</summary>
    public int FineSlots => _fineLength;

    public int CoarseSlots => _coarseLength;

    /// <summary>Recreates the in-memory rings after the serialized form was read; pages are then put back with <see cref="Restore"/>.</summary>
    public void Allocate()
    {
        _fine = new MetricBucket?[_fineLength];
        _coarse = new MetricBucket?[_coarseLength];
        _fineHeld = _fineHeld.Length == 0 ? new ulong[(_fineLength + 63) / 64] : _fineHeld;
        _coarseHeld = _coarseHeld.Length == 0 ? new ulong[(_coarseLength + 63) / 64] : _coarseHeld;
        _dirtyFine = [];
        _dirtyCoarse = [];
    }

    /// <summary>The slots the last checkpoint says hold a bucket: their pages are read on activation.</summary>
    public IEnumerable<int> HeldSlots(bool coarse)
    {
        var held = coarse ? _coarseHeld : _fineHeld;
        var length = coarse ? _coarseLength : _fineLength;
        for (var slot = 0; slot < length; slot++)
        {
            if ((held[slot >> 6] & (1UL << (slot & 63))) != 0)
            {
                yield return slot;
            }
        }
    }

    /// <summary>Puts back checkpointed pages. Fine buckets a coarse page says it already holds are dropped.</summary>
    public void Restore(IReadOnlyDictionary<int, MetricBucket> fine, IReadOnlyDictionary<int, MetricBucket> coarse)
    {
        foreach (var (slot, bucket) in coarse)
        {
            if (slot < _coarseLength && SlotOf(bucket.StartMs, _coarseMs, _coarseLength) == slot)
            {
                _coarse[slot] = bucket;
            }
        }

        foreach (var (slot, bucket) in fine)
        {
            if (slot >= _fineLength || SlotOf(bucket.StartMs, _fineMs, _fineLength) != slot)
            {
                continue;
            }

            var holder = _coarse[SlotOf(Floor(bucket.StartMs, _coarseMs), _coarseMs, _coarseLength)];
            if (holder is not null && holder.StartMs == Floor(bucket.StartMs, _coarseMs) && holder.HasRolled(bucket.StartMs))
            {
                continue;
            }

            _fine[slot] = bucket;
        }

        foreach (var restored in _fine.Concat(_coarse))
        {
            restored?.Compact();
        }

        Array.Clear(_fineHeld);
        Array.Clear(_coarseHeld);
        Mark(_fine, _fineHeld);
        Mark(_coarse, _coarseHeld);
    }

    /// <summary>The buckets changed since the last call; marks their slots held.</summary>
    public (List<(int Slot, MetricBucket Bucket)> Coarse, List<(int Slot, MetricBucket Bucket)> Fine) TakeChanged()
    {
        var coarse = new List<(int, MetricBucket)>(_dirtyCoarse.Count);
        foreach (var slot in _dirtyCoarse)
        {
            coarse.Add((slot, _coarse[slot]!));
            _coarseHeld[slot >> 6] |= 1UL << (slot & 63);
        }

        var fine = new List<(int, MetricBucket)>(_dirtyFine.Count);
        var newest = long.MinValue;
        foreach (var slot in _dirtyFine)
        {
            fine.Add((slot, _fine[slot]!));
            newest = Math.Max(newest, _fine[slot]!.StartMs);
            _fineHeld[slot >> 6] |= 1UL << (slot & 63);
        }

        // Buckets a late record unpacked are packed again, and written packed: all but the newest interval's.
        foreach (var (_, bucket) in coarse.Concat(fine))
        {
            if (bucket.StartMs < newest)
            {
                bucket.Compact();
            }
        }

        _dirtyCoarse.Clear();
        _dirtyFine.Clear();
        return (coarse, fine);
    }

    /// <summary>Marks pages to be written again (their write failed).</summary>
    public void MarkChanged(IEnumerable<int> coarseSlots, IEnumerable<int> fineSlots)
    {
        _dirtyCoarse.UnionWith(coarseSlots);
        _dirtyFine.UnionWith(fineSlots);
    }

    public long FineWidthMs => _fineMs;

    public long CoarseWidthMs => _coarseMs;

    /// <summary>Periods starting less than this long ago are answered from fine buckets alone.</summary>
    public long FineSpanMs => (_fineLength - 1) * _fineMs;

    /// <summary>The oldest time the history can still answer for, given the newest time it has seen.</summary>
    public long RetentionMs => _coarseLength * _coarseMs;

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
            _dirtyFine.Add(slot);
            return bucket;
        }

        if (bucket is not null && bucket.StartMs > start)
        {
            // The slot already holds a newer interval: this record belongs to the coarse tier.
            return CoarseBucketFor(timestampMs, nowMs);
        }

        if (bucket is not null && CoarseBucketFor(bucket.StartMs, nowMs) is { } coarse)
        {
            coarse.Roll(bucket);
            coarse.Compact();
        }

        // The interval before this one is over: its bucket's bins are packed (a late record unpacks them).
        _fine[(slot + _fine.Length - 1) % _fine.Length]?.Compact();
        bucket = new MetricBucket(start);
        _fine[slot] = bucket;
        _dirtyFine.Add(slot);
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

    /// <summary>The buckets held in one tier, in slot order (for measuring what a tier holds).</summary>
    public IEnumerable<MetricBucket> Held(bool coarse)
    {
        foreach (var bucket in coarse ? _coarse : _fine)
        {
            if (bucket is not null)
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

    private static int SlotOf(long startMs, long widthMs, int length) => (int)(((startMs / widthMs) % length + length) % length);

    private static void Mark(MetricBucket?[] buckets, ulong[] held)
    {
        for (var slot = 0; slot < buckets.Length; slot++)
        {
            if (buckets[slot] is not null)
            {
                held[slot >> 6] |= 1UL << (slot & 63);
            }
        }
    }

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
            _dirtyCoarse.Add(slot);
            return bucket;
        }

        if (bucket is not null && bucket.StartMs > start)
        {
            return null;
        }

        bucket = new MetricBucket(start);
        _coarse[slot] = bucket;
        _dirtyCoarse.Add(slot);
        return bucket;
    }
}
