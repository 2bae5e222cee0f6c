
namespace Monitor.Grains.Windows.Checkpoints;

/// <summary>
/// Writes a version's window as pages plus one core row, and reads it back. A checkpoint writes only
/// the pages changed since the previous one (the open time buckets, the latency pages and the recent
/// segment written to), then the core row; time buckets that are over are written once. So a
/// checkpoint's size follows the records since the last one, not the size of the window.
/// </summary>
/// <remarks>
/// Order matters for a crash in the middle: coarse buckets, then fine buckets, latencies and recent
/// segments, then the core. Each part restores to its own last write; the parts may disagree by at
/// most the records of the interrupted checkpoint, and no record is counted twice.
/// </remarks>
public static class WindowPages
{
    public const string Core = "window";

    public static string Fine(int slot) => $"window.fine.{slot}";

    public static string Coarse(int slot) => $"window.coarse.{slot}";

    public static string Latency(int page) => $"window.latency.{page}";

    public static string Segment(RecentBatches recent, long sequence) => $"window.recent.{sequence % recent.SegmentSlots}";

    /// <summary>Reads the core row and the pages it names; a new window when nothing was stored.</summary>
    public static async Task<WindowCheckpoint> LoadAsync(IWindowPageStore store, VersionWindowOptions options)
    {
        var core = await store.ReadAsync<WindowCheckpoint>(Core);
        if (core?.Window is not { } window)
        {
            return new WindowCheckpoint { Window = new VersionWindow(options), Senders = core?.Senders ?? new(StringComparer.Ordinal) };
        }

        window.Allocate();
        var buckets = window.Buckets;
        var recent = window.Recent;
        var coarse = ReadAll(buckets.HeldSlots(coarse: true), slot => store.ReadAsync<MetricBucket>(Coarse(slot)));
        var fine = ReadAll(buckets.HeldSlots(coarse: false), slot => store.ReadAsync<MetricBucket>(Fine(slot)));
        var latencies = ReadAll(Enumerable.Range(0, window.Latencies.HeldPages), page => store.ReadAsync<LatencyPage>(Latency(page)));
        var segments = ReadAll(recent.HeldSegments(), sequence => store.ReadAsync<RecentSegment>(Segment(recent, sequence)));
        window.Restore(await coarse, await fine, await latencies, await segments);
        core.Senders ??= new(StringComparer.Ordinal);
        return core;
    }

    /// <summary>Writes the changed pages, then the core row. On failure the pages stay marked changed.</summary>
    public static async Task<WindowChanges> SaveAsync(IWindowPageStore store, WindowCheckpoint core)
    {
        var window = core.Window!;
        var changes = window.TakeChanged();
        try
        {
            await Task.WhenAll(changes.Coarse.Select(c => store.WriteAsync(Coarse(c.Slot), c.Bucket)));
            await Task.WhenAll(changes.Fine.Select(f => store.WriteAsync(Fine(f.Slot), f.Bucket))
                .Concat(changes.Latencies.Select(l => store.WriteAsync(Latency(l.Index), l)))
                .Concat(changes.Segments.Select(s => store.WriteAsync(Segment(window.Recent, s.Sequence), s))));
            await store.WriteAsync(Core, core);
            return changes;
        }
        catch
        {
            window.MarkChanged(changes);
            throw;
        }
    }

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
