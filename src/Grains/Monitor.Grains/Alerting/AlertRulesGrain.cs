using Microsoft.Extensions.Options;

namespace Monitor.Grains.Alerting;

/// <summary>Stores the rules (key 0), write-through; installs the shipped defaults once each.</summary>
public sealed class AlertRulesGrain(
    [PersistentState("alert-rules", MonitorStorage.Name)] IPersistentState<AlertRulesState> state,
    IOptions<AlertingOptions> options) : Grain, IAlertRulesGrain
{
    private AlertRuleSet? _set;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DefaultRules)
        {
            return;
        }

        var added = false;
        foreach (var rule in DefaultAlertRules.Available())
        {
            if (state.State.InstalledDefaults.Add(rule.Name))
            {
                state.State.Rules.TryAdd(rule.Name, rule);
                added = true;
            }
        }

        if (added)
        {
            state.State.Version++;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<AlertRuleSet> GetRules() => Task.FromResult(Current());

    public Task<AlertRuleSet?> GetIfChanged(long version) =>
        Task.FromResult(version == state.State.Version ? null : Current());

    public async Task<ChangeResult> Put(AlertRule rule, bool createOnly)
    {
        if (AlertRuleValidator.Validate(rule) is { } problem)
        {
            return new ChangeResult(problem, false);
        }

        var exists = state.State.Rules.TryGetValue(rule.Name, out var previous);
        if (exists && createOnly)
        {
            return new ChangeResult(new FieldProblem("name", $"a rule named '{rule.Name}' exists; PUT /v1/alerts/rules/{rule.Name} replaces it"), false, Conflict: true);
        }

        if (!exists && state.State.Rules.Count >= options.Value.MaxRules)
        {
            return ChangeResult.Refused("name", $"Monitor holds at most {options.Value.MaxRules} rules (Monitor:Alerting:MaxRules)");
        }

        if (rule.Action is { } action)
        {
            var channel = (await GrainFactory.GetGrain<IAlertingConfigGrain>(0).GetConfig()).Channel(action);
            if (channel is not { Kind: ChannelKind.Webhook })
            {
                return ChangeResult.Refused("action", channel is null ? $"no channel named '{action}'" : $"channel '{action}' is {channel.Kind.ToString().ToLowerInvariant()}; actions call webhook channels");
            }
        }

        state.State.Rules[rule.Name] = rule with { Builtin = previous?.Builtin ?? false };
        await Save();
        return new ChangeResult(null, !exists);
    }

    public async Task<bool> Delete(string name)
    {
        if (!state.State.Rules.Remove(name))
        {
            return false;
        }

        await Save();
        return true;
    }

    private async Task Save()
    {
        state.State.Version++;
        _set = null;
        await state.WriteStateAsync();
    }

    private AlertRuleSet Current() =>
        _set ??= new AlertRuleSet(state.State.Version, [.. state.State.Rules.Values.OrderBy(r => r.Name, StringComparer.Ordinal)]);
}
