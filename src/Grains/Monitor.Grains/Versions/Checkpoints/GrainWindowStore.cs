using Orleans.Storage;

namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>
/// A version's checkpoint rows in the grain storage, one storage state per row name, each with its
/// own ETag. A row this activation has not read yet (a slot's spare row, a recycled slot) gets its ETag
/// read on the first conflicting write; a row it has read or written keeps ETag protection. The core
/// row is always read first, so an activation that outlived its replacement cannot commit over the
/// replacement's checkpoint (<see cref="CheckpointStore"/> then stops it writing); pages it wrote to
/// rows it had not read before finding out are the one thing it can still disturb.
/// </summary>
public sealed class GrainWindowStore(IGrainStorage storage, GrainId grainId) : IWindowPageStore
{
    private readonly Dictionary<string, string?> _etags = new(StringComparer.Ordinal);

    public async Task<T?> ReadAsync<T>(string name)
        where T : class
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(name, grainId, state);
        Remember(name, state.ETag);
        return state.RecordExists ? state.State : null;
    }

    public async Task WriteAsync<T>(string name, T value)
        where T : class
    {
        bool known;
        string? etag;
        lock (_etags)
        {
            known = _etags.TryGetValue(name, out etag);
        }

        var state = new GrainState<T>(value) { ETag = etag };
        try
        {
            await storage.WriteStateAsync(name, grainId, state);
        }
        catch (InconsistentStateException) when (!known)
        {
            var current = new GrainState<T>();
            await storage.ReadStateAsync(name, grainId, current);
            state.ETag = current.ETag;
            await storage.WriteStateAsync(name, grainId, state);
        }

        Remember(name, state.ETag);
    }

    private void Remember(string name, string? etag)
    {
        lock (_etags)
        {
            _etags[name] = etag;
        }
    }
}
