using Monitor.Grains.Drift;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Benchmarks.WindowMemory;

/// <summary>
/// One version as its parts hold it on ingest: the window part's <see cref="VersionWindow"/> (buckets, raw latencies,
/// recent records) and the drift part's data-quality counts in the same buckets (a version without a reference),
/// applied through the same calls the parts make; optionally checkpointed through the real checkpoint store.
/// </summary>
internal sealed class VersionUnderLoad
{
    private readonly DataQualityCounter _quality = new(QualitySchema.Observed(new VersionDriftOptions().MaxFeatureSeries));
    private CheckpointStore? _checkpoint;

    private VersionUnderLoad(string version, VersionWindow window, SoakRecords records, CountingPageStore? store, CheckpointStore? checkpoint)
    {
        Version = version;
        Window = window;
        Records = records;
        Store = store;
        _checkpoint = checkpoint;
    }

    public const string Model = "soak";

    public string Version { get; }

    public VersionWindow Window { get; private set; }

    public SoakRecords Records { get; }

    public CountingPageStore? Store { get; private set; }

    public static async Task<VersionUnderLoad> CreateAsync(string version, VersionWindowOptions options, SoakRecords records, CountingPageStore? store)
    {
        if (store is null)
        {
            return new VersionUnderLoad(version, new VersionWindow(options), records, null, null);
        }

        var checkpoint = await CheckpointStore.OpenAsync(store);
        return new VersionUnderLoad(version, await WindowPages.LoadAsync(checkpoint, options), records, store, checkpoint);
    }

    public void Ingest(int records, long spanMs, long nowMs)
    {
        var batch = Records.Batch(Model, Version, records, spanMs);
        Window.Apply(batch, nowMs);
        _quality.Count(batch, Window.Buckets, nowMs);
    }

    /// <summary>
    /// Writes the pages changed since the last checkpoint and commits them; a version not checkpointed to a store
    /// takes its changes all the same, so it holds what a checkpointed one does (the sets of changed pages stay small).
    /// </summary>
    public async Task CheckpointAsync()
    {
        if (_checkpoint is null)
        {
            Window.TakeChanged();
            return;
        }

        var writes = await _checkpoint.BeginAsync();
        WindowPages.Write(writes, Window);
        await _checkpoint.CommitAsync(writes);
    }

    /// <summary>The window as a new activation reads it back from the stored checkpoint.</summary>
    public async Task<VersionWindow> RestoreAsync(VersionWindowOptions options) =>
        await WindowPages.LoadAsync(await CheckpointStore.OpenAsync(Store!), options);

    /// <summary>Lets go of the checkpoint (its rows are not part of the version's memory).</summary>
    public void DropCheckpoint()
    {
        _checkpoint = null;
        Store = null;
    }
}
