using System.Globalization;
using System.Runtime.CompilerServices;
using Monitor.Grains.Windows;

namespace Monitor.Benchmarks.WindowMemory;

/// <summary>
/// Live bytes per version, part by part: the groups are let go of one at a time (<see cref="RetainedBytes"/>), idle
/// versions whole first, then the busy versions' windows (what is not in a later group: counters, vocabularies, the
/// rings' slot arrays), each bucket tier's parts, the raw latencies and the recent records.
/// </summary>
internal static class MemoryReport
{
    private static readonly (string Name, Func<MetricBucket, object?> Part)[] BucketParts =
    [
        ("latency sketch", b => b.Latency),
        ("prediction tally", b => b.Predictions),
        ("confidence histogram", b => b.Confidence),
        ("errors by type", b => b.ErrorsByType),
        ("data quality", b => b.Quality),
        ("estimate cells", b => b.Estimates),
    ];

    public static void Print(List<VersionUnderLoad> versions, int busy, long baseline)
    {
        var live = RetainedBytes.Live() - baseline;
        var idle = versions.Count - busy;
        var (names, holders, counts) = Collect(versions, busy);
        var measured = RetainedBytes.Measure(names, g => holders[g] = null);
        GC.KeepAlive(holders);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live managed memory of all versions: {live / 1e6:F1} MB; per busy version ({string.Join(", ", counts)}):"));
        Console.WriteLine("part\tKB per busy version");
        long sum = 0;
        foreach (var (name, bytes) in measured.Skip(1))
        {
            sum += bytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{bytes / 1024.0 / Math.Max(1, busy):F1}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"busy version, all parts\t{sum / 1024.0 / Math.Max(1, busy):F1}"));
        if (idle > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle version, whole\t{measured[0].Bytes / 1024.0 / idle:F1}"));
        }
    }

    // Apart from Print, so that once it returns no local of it keeps a measured object alive: only the holders do.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (List<string> Names, object?[] Holders, List<string> Counts) Collect(List<VersionUnderLoad> versions, int busy)
    {
        var names = new List<string>();
        var holders = new List<object?>();
        void Group(string name, object? holder)
        {
            names.Add(name);
            holders.Add(holder);
        }

        Group("idle versions (whole)", versions.Skip(busy).ToList());
        var windows = versions.Take(busy).Select(v => v.Window).ToList();
        Group("windows (counters, vocabularies, ring slots)", windows);
        var counts = new List<string>();
        foreach (var coarse in new[] { false, true })
        {
            var tier = coarse ? "coarse" : "fine";
            var buckets = windows.SelectMany(w => w.Buckets.Held(coarse)).ToList();
            counts.Add($"{buckets.Count / (double)Math.Max(1, busy):F0} {tier} buckets");
            Group($"{tier} buckets: the bucket objects", buckets);
            foreach (var (name, part) in BucketParts)
            {
                Group($"{tier} buckets: {name}", buckets.Select(part).ToList());
            }
        }

        Group("raw latencies", windows.Select(w => w.Latencies).ToList());
        Group("recent records", windows.Select(w => w.Recent.Batches.ToList()).ToList());
        versions.Clear();
        return (names, [.. holders], counts);
    }
}
