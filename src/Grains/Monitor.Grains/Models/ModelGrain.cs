using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Models;

/// <summary>One model: the versions it has and its champion, written through on every change.</summary>
public sealed partial class ModelGrain(
    [PersistentState("model", MonitorStorage.Name)] IPersistentState<ModelState> state,
    IOptions<OutcomeOptions> outcomeOptions,
    TimeProvider time,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ActivateOutcomes();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await CheckpointPending(cancellationToken);
    }

    public async Task AddVersion(string version)
    {
        if (state.State.Versions.Contains(version))
        {
            return;
        }

        state.State.Versions.Add(version);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not kept: a retry adds it again.
            state.State.Versions.Remove(version);
            throw;
        }
    }

    public Task<IReadOnlyList<string>> GetVersions() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Versions]);
}
