using Orleans.Storage;

namespace Monitor.Grains.Versions.Parts;

/// <summary>
/// A named state of a version in the grain storage, as <c>[PersistentState]</c> gives a grain but owned by a
/// part: read on the part's activation and written through when the part says (never on the ingest path).
/// </summary>
public sealed class PartState<T>(IGrainStorage storage, GrainId grainId, string name)
    where T : class, new()
{
    private readonly GrainState<T> _state = new(new T());

    public string Name { get; } = name;

    public T Value
    {
        get => _state.State ??= new T();
        set => _state.State = value;
    }

    public bool RecordExists => _state.RecordExists;

    public async Task<PartState<T>> ReadAsync()
    {
        await storage.ReadStateAsync(Name, grainId, _state);
        _state.State ??= new T();
        return this;
    }

    public Task WriteAsync() => storage.WriteStateAsync(Name, grainId, _state);

    public Task ClearAsync() => storage.ClearStateAsync(Name, grainId, _state);
}
