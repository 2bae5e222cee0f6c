namespace Monitor.Grains.History;

/// <summary>Pure merging of segment buckets into the history's segment hours.</summary>
public static class HourlySegments
{
    private const long HourMs = 3_600_000;

    /// <summary>The most buckets an hour can mark: segment buckets narrower than this share of an hour are not kept.</summary>
    public const int MaxBucketsPerHour = 64;

    /// <summary>
    /// <paramref name="held"/> with each of <paramref name="added"/> counted in its hour unless that hour already counts
    /// its bucket; null when nothing changes.
    /// </summary>
    public static List<SegmentHour>? Merge(IReadOnlyList<SegmentHour> held, IEnumerable<SegmentBucketCounts> added, long widthMs)
    {
        var byKey = new SortedDictionary<(long HourMs, string Key, string Value), SegmentHour>(Comparer<(long, string, string)>.Create(Compare));
        foreach (var hour in held)
        {
            byKey[(hour.Time.ToUnixTimeMilliseconds(), hour.Key, hour.Value)] = hour;
        }

        var changed = false;
        foreach (var bucket in added)
        {
            var hourMs = Floor(bucket.StartMs);
            var bit = 1L << (int)((bucket.StartMs - hourMs) / widthMs);
            var key = (hourMs, bucket.Key, bucket.Value);
            var hour = byKey.GetValueOrDefault(key);
            if (hour is not null && (hour.Buckets & bit) != 0)
            {
                continue;
            }

            byKey[key] = new SegmentHour
            {
                Time = DateTimeOffset.FromUnixTimeMilliseconds(hourMs),
                Key = bucket.Key,
                Value = bucket.Value,
                Requests = (hour?.Requests ?? 0) + bucket.Requests,
                Errors = (hour?.Errors ?? 0) + bucket.Errors,
                Buckets = (hour?.Buckets ?? 0) | bit,
            };
            changed = true;
        }

        return changed ? [.. byKey.Values] : null;
    }

    /// <summary>Whether segment buckets of this width fit an hour's marks.</summary>
    public static bool Fits(long widthMs) => widthMs > 0 && HourMs % widthMs == 0 && HourMs / widthMs <= MaxBucketsPerHour;

    public static long Floor(long ms) => ms - (((ms % HourMs) + HourMs) % HourMs);

    private static int Compare((long HourMs, string Key, string Value) a, (long HourMs, string Key, string Value) b)
    {
        var c = a.HourMs.CompareTo(b.HourMs);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Key, b.Key);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
    }
}
