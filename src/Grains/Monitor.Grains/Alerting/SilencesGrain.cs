using Microsoft.Extensions.Options;

namespace Monitor.Grains.Alerting;

/// <summary>Stores silences (key 0), write-through; drops expired ones after the retention.</summary>
public sealed class SilencesGrain(
    [PersistentState("silences", MonitorStorage.Name)] IPersistentState<SilencesState> state,
    IOptions<AlertingOptions> options,
    TimeProvider time) : Grain, ISilencesGrain
{
    private SilenceSet? _set;

    public async Task<Silence> Create(Silence silence)
    {
        Prune();
        var now = time.GetUtcNow();
        var stored = silence with { Id = Guid.NewGuid().ToString(), UpdatedAt = now };
        state.State.Silences[stored.Id] = stored;
        await Save();
        return stored;
    }

    public Task<SilenceSet> GetSilences() => Task.FromResult(Current());

    public Task<SilenceSet?> GetIfChanged(long version) => Task.FromResult(version == state.State.Version ? null : Current());

    public async Task<bool> Expire(string id)
    {
        if (!state.State.Silences.TryGetValue(id, out var silence))
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (silence.EndsAt > now)
        {
            state.State.Silences[id] = silence with
            {
                EndsAt = now,
                StartsAt = silence.StartsAt > now ? now : silence.StartsAt,
                UpdatedAt = now,
            };
            await Save();
        }

        return true;
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - options.Value.ExpiredSilenceRetention;
        foreach (var id in state.State.Silences.Values.Where(s => s.EndsAt < cutoff).Select(s => s.Id).ToList())
        {
            state.State.Silences.Remove(id);
        }
    }

    private async Task Save()
    {
        state.State.Version++;
        _set = null;
        await state.WriteStateAsync();
    }

    private SilenceSet Current() =>
        _set ??= new SilenceSet(state.State.Version, [.. state.State.Silences.Values.OrderBy(s => s.StartsAt).ThenBy(s => s.Id, StringComparer.Ordinal)]);
}
