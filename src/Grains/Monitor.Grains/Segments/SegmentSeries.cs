namespace Monitor.Grains.Segments;

/// <summary>
/// One segment's buckets, oldest first, over the segment span: records land in the bucket of their own time;
/// records older than the span and buckets that fall out of it are dropped.
/// </summary>
[GenerateSerializer, Alias("monitor.SegmentSeries")]
public sealed class SegmentSeries
{
    [Id(0)] public List<SegmentBucket> Buckets { get; private set; } = [];

    public long CountSince(long fromMs)
    {
        long total = 0;
        foreach (var bucket in Buckets)
        {
            if (bucket.StartMs >= fromMs)
            {
                total += bucket.Count;
            }
        }

        return total;
    }

    /// <summary>The bucket a record of <paramref name="timeMs"/> goes to; null when it is older than the span.</summary>
    public SegmentBucket? BucketFor(long timeMs, long widthMs, long oldestMs)
    {
        if (timeMs < oldestMs)
        {
            return null;
        }

        var start = timeMs - (((timeMs % widthMs) + widthMs) % widthMs);
        var last = Buckets.Count - 1;
        if (last >= 0 && Buckets[last].StartMs == start)
        {
            return Buckets[last];
        }

        // Records mostly come in time order; an older one looks back from the newest bucket.
        var i = last;
        while (i >= 0 && Buckets[i].StartMs > start)
        {
            i--;
        }

        if (i >= 0 && Buckets[i].StartMs == start)
        {
            return Buckets[i];
        }

        var bucket = new SegmentBucket(start);
        Buckets.Insert(i + 1, bucket);
        return bucket;
    }

    /// <summary>Drops the buckets that end before <paramref name="oldestMs"/>.</summary>
    public void Prune(long oldestMs, long widthMs)
    {
        var drop = 0;
        while (drop < Buckets.Count && Buckets[drop].StartMs + widthMs <= oldestMs)
        {
            drop++;
        }

        if (drop > 0)
        {
            Buckets.RemoveRange(0, drop);
        }
    }

    /// <summary>Adds another segment's buckets to this one's (a segment folded into "other").</summary>
    public void Merge(SegmentSeries other, long widthMs)
    {
        foreach (var bucket in other.Buckets)
        {
            BucketFor(bucket.StartMs, widthMs, long.MinValue)!.Merge(bucket);
        }
    }

    /// <summary>The buckets from <paramref name="fromMs"/> on merged into one.</summary>
    public SegmentBucket Total(long fromMs)
    {
        var total = new SegmentBucket(fromMs);
        foreach (var bucket in Buckets)
        {
            if (bucket.StartMs >= fromMs)
            {
                total.Merge(bucket);
            }
        }

        return total;
    }
}
