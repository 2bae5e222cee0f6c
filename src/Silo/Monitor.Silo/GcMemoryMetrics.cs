using Prometheus;

namespace Monitor.Silo;

/// <summary>
/// The .NET GC's view of memory, read at every scrape, so resident memory (<c>process_working_set_bytes</c>)
/// can be told apart from what the managed heap holds and from what of it is live: under the server GC
/// a process keeps memory it could give back, and a growing working set alone does not show a leak.
/// </summary>
public static class GcMemoryMetrics
{
    private static readonly string[] Generations = ["gen0", "gen1", "gen2", "loh", "poh"];

    public static void Register(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        var heap = factory.CreateGauge(
            "dotnet_gc_heap_size_bytes", "Size of each GC generation after the last collection (dead objects included until a collection of that generation).", "generation");
        var committed = factory.CreateGauge(
            "dotnet_gc_committed_bytes", "Memory the GC had committed at the last collection.");
        var fragmented = factory.CreateGauge(
            "dotnet_gc_fragmented_bytes", "Free space inside the managed heap at the last collection.");
        var live = factory.CreateGauge(
            "dotnet_gc_live_bytes", "Bytes that survived the last full (generation 2) collection: the live managed data at that moment.");
        registry.AddBeforeCollectCallback(() =>
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            var generations = info.GenerationInfo;
            for (var g = 0; g < generations.Length && g < Generations.Length; g++)
            {
                heap.WithLabels(Generations[g]).Set(generations[g].SizeAfterBytes);
            }

            committed.Set(info.TotalCommittedBytes);
            fragmented.Set(info.FragmentedBytes);
            var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var background = GC.GetGCMemoryInfo(GCKind.Background);
            var full = blocking.Index >= background.Index ? blocking : background;
            if (full.Index > 0)
            {
                live.Set(full.PromotedBytes);
            }
        });
    }
}
