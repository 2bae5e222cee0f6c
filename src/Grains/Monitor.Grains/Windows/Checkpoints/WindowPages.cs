using Monitor.Grains.Versions.Checkpoints;

namespace Monitor.Grains.Windows.Checkpoints;

/// <summary>
/// A version's window as checkpoint pages: each time bucket, each page of raw latencies and each segment of
/// recent records is a page slot, and the window's counters are in the core row. A checkpoint writes only the
/// pages changed since the previous one (the open time buckets, the latency pages and the recent segment written
/// to); time buckets that are over are written once. So a checkpoint's size follows the records since the last
/// one, not the size of the window.
/// </summary>
/// <remarks>
/// Pages go to the spare rows of their slots and count only once the core row naming them is written
/// (<see cref="CheckpointStore"/>): an interrupted checkpoint restores as the previous one, whole.
/// </remarks>
public static class WindowPages
{
    public const string Fine = "window.fine";
    public const string Coarse = "window.coarse";
    public const string Latency = "window.latency";
    public const string Recent = "window.recent";

    /// <summary>The window of the committed checkpoint, from its core and the pages it names; a new window when none was stored.</summary>
    public static async Task<VersionWindow> LoadAsync(CheckpointStore store, VersionWindowOptions options)
    {
        var core = store.Core.Section<WindowCore>(WindowPart.PartName);
        if (core.Window is not { } window)
        {
            return core.Window = new VersionWindow(options);
        }

        window.Allocate();
        var buckets = window.Buckets;
        var recent = window.Recent;
        var coarse = ReadAll(buckets.HeldSlots(coarse: true), slot => store.ReadAsync<MetricBucket>(Coarse, slot));
        var fine = ReadAll(buckets.HeldSlots(coarse: false), slot => store.ReadAsync<MetricBucket>(Fine, slot));
        var latencies = ReadAll(Enumerable.Range(0, window.Latencies.HeldPages), page => store.ReadAsync<LatencyPage>(Latency, page));
        var segments = ReadAll(recent.HeldSegments(), sequence => store.ReadAsync<RecentSegment>(Recent, SegmentSlot(recent, sequence)));
        window.Restore(await coarse, await fine, await latencies, await segments);
        return window;
    }

    /// <summary>Adds the window's changed pages to a checkpoint; they are marked changed again if it is not committed.</summary>
    public static WindowChanges Write(CheckpointWrites writes, VersionWindow window)
    {
        var changes = window.TakeChanged();
        writes.OnNotCommitted(() => window.MarkChanged(changes));
        foreach (var (slot, bucket) in changes.Coarse)
        {
            writes.Page(Coarse, slot, bucket);
        }

        foreach (var (slot, bucket) in changes.Fine)
        {
            writes.Page(Fine, slot, bucket);
        }

        foreach (var page in changes.Latencies)
        {
            writes.Page(Latency, page.Index, page);
        }

        foreach (var segment in changes.Segments)
        {
            writes.Page(Recent, SegmentSlot(window.Recent, segment.Sequence), segment);
        }

        return changes;
    }

    private static int SegmentSlot(RecentBatches recent, long sequence) => (int)(sequence % recent.SegmentSlots);

    private static async Task<IReadOnlyDictionary<TKey, TPage>> ReadAll<TKey, TPage>(IEnumerable<TKey> keys, Func<TKey, Task<TPage?>> read)
        where TKey : notnull
        where TPage : class
    {
        var reads = keys.Select(async key => (Key: key, Page: await read(key))).ToList();
        var pages = new Dictionary<TKey, TPage>();
        foreach (var (key, page) in await Task.WhenAll(reads))
        {
            if (page is not null)
            {
                pages[key] = page;
            }
        }

        return pages;
    }
}
