using System.Globalization;
using Microsoft.Extensions.Options;

namespace Monitor.Grains.Alerting;

/// <summary>Stores silences (key 0), write-through; drops expired ones after the retention.</summary>
public sealed class SilencesGrain(
    [PersistentState("silences", MonitorStorage.Name)] IPersistentState<SilencesState> state,
    IOptions<AlertingOptions> options,
    TimeProvider time) : Grain, ISilencesGrain
{
    private SilenceSet? _set;

    public async Task<SilenceCreation> TryCreate(Silence silence)
    {
        Prune();
        var now = time.GetUtcNow();
        var limits = options.Value;
        if (silence.EndsAt - silence.StartsAt > limits.MaxSilenceDuration)
        {
            return SilenceCreation.Refused("ends_at",
                string.Create(CultureInfo.InvariantCulture, $"lasts {(silence.EndsAt - silence.StartsAt).TotalDays:0.###} days, longer than the limit of {limits.MaxSilenceDuration.TotalDays:0.###} days (Monitor:Alerting:MaxSilenceDuration)"));
        }

        var live = state.State.Silences.Values.Count(s => s.EndsAt > now);
        if (live >= limits.MaxActiveSilences)
        {
            return SilenceCreation.Refused("silences",
                string.Create(CultureInfo.InvariantCulture, $"Monitor already holds its maximum of {limits.MaxActiveSilences:N0} pending and active silences (Monitor:Alerting:MaxActiveSilences); expire some first"),
                atCapacity: true);
        }

        var stored = silence with { Id = Guid.NewGuid().ToString(), UpdatedAt = now };
        state.State.Silences[stored.Id] = stored;
        await Save();
        return SilenceCreation.Created(stored);
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
