namespace Monitor.Grains.Models;

/// <summary>One model: the versions it has, written through on every change.</summary>
public sealed class ModelGrain(
    [PersistentState("model", MonitorStorage.Name)] IPersistentState<ModelState> state) : Grain, IModelGrain
{
    public async Task AddVersion(string version)
    {
        if (state.State.Versions.Contains(version))
        {
            return;
        }

        state.State.Versions.Add(version);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetVersions() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Versions]);
}
