using Microsoft.Extensions.Options;

namespace Monitor.Grains.Models;

/// <summary>
/// The one registry (key 0). It is off the ingest path: gateways call it only the first time they
/// meet a version, and it writes every registration through to storage.
/// </summary>
public sealed class ModelRegistryGrain(
    [PersistentState("registry", MonitorStorage.Name)] IPersistentState<RegistryState> state,
    IOptions<RegistryOptions> options) : Grain, IModelRegistryGrain
{
    public async Task<VersionRegistration> Register(string model, string version)
    {
        if (state.State.Models.TryGetValue(model, out var versions) && versions.Contains(version))
        {
            // The model grain may have missed it if the call after the registry's write failed; adding is idempotent.
            await GrainFactory.GetGrain<IModelGrain>(model).AddVersion(version);
            return VersionRegistration.AlreadyKnown;
        }

        if (state.State.VersionCount >= options.Value.MaxVersions)
        {
            return VersionRegistration.CapReached;
        }

        var newModel = versions is null;
        versions ??= state.State.Models[model] = [];
        versions.Add(version);
        state.State.VersionCount++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not known: the caller's retry registers it again rather than hearing "already known"
            // of a version that a restart of this grain would forget.
            versions.Remove(version);
            state.State.VersionCount--;
            if (newModel)
            {
                state.State.Models.Remove(model);
            }

            throw;
        }

        await GrainFactory.GetGrain<IModelGrain>(model).AddVersion(version);
        return VersionRegistration.Registered;
    }

    public Task<IReadOnlyList<RegisteredModel>> GetModels()
    {
        IReadOnlyList<RegisteredModel> models =
        [
            .. state.State.Models
                .OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => new RegisteredModel(m.Key, [.. m.Value])),
        ];
        return Task.FromResult(models);
    }

    public Task<bool> Contains(string model, string version) =>
        Task.FromResult(state.State.Models.TryGetValue(model, out var versions) && versions.Contains(version));
}
