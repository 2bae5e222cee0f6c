namespace Monitor.Grains.ModelServers;

/// <summary>Keeps one model's mapping; a failed write leaves the previous mapping in place, so the caller's retry stores it.</summary>
public sealed class ModelMappingGrain(
    [PersistentState("mapping", MonitorStorage.Name)] IPersistentState<ModelMappingState> state) : Grain, IModelMappingGrain
{
    public Task<ModelMapping?> Get() => Task.FromResult(state.State.Mapping);

    public async Task Set(ModelMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var previous = state.State.Mapping;
        state.State.Mapping = mapping;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Mapping = previous;
            throw;
        }
    }

    public async Task<bool> Clear()
    {
        if (state.State.Mapping is not { } previous)
        {
            return false;
        }

        state.State.Mapping = null;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Mapping = previous;
            throw;
        }

        return true;
    }
}
