using Microsoft.Extensions.Options;

namespace Monitor.Grains.Alerting;

/// <summary>
/// Channels, routes and inhibit rules (key 0), write-through. Channels come from three places: the
/// built-in log channel, settings (read-only here) and the API.
/// </summary>
public sealed class AlertingConfigGrain(
    [PersistentState("alerting-config", MonitorStorage.Name)] IPersistentState<AlertingConfigState> state,
    IOptions<AlertingOptions> options) : Grain, IAlertingConfigGrain
{
    private readonly Targets.TargetNetworkPolicy _targets = Targets.TargetNetworkPolicy.From(options.Value);
    private AlertingConfig? _config;

    public Task<AlertingConfig> GetConfig() => Task.FromResult(Current());

    public Task<AlertingConfig?> GetIfChanged(long version) => Task.FromResult(version == state.State.Version ? null : Current());

    public async Task<ChangeResult> PutChannel(ChannelConfig channel, bool createOnly)
    {
        var fixedChannel = FixedChannels().FirstOrDefault(c => c.Name == channel.Name);
        if (fixedChannel is not null)
        {
            return new ChangeResult(new FieldProblem("name", $"channel '{channel.Name}' comes from {fixedChannel.Source} and cannot be changed here"), false, Conflict: true);
        }

        var exists = state.State.Channels.TryGetValue(channel.Name, out var stored);
        if (exists && createOnly)
        {
            return new ChangeResult(new FieldProblem("name", $"a channel named '{channel.Name}' exists; PUT /v1/alerts/channels/{channel.Name} updates it"), false, Conflict: true);
        }

        if (!exists && Current().Channels.Length >= options.Value.MaxChannels)
        {
            return ChangeResult.Refused("name", $"Monitor holds at most {options.Value.MaxChannels} channels (Monitor:Alerting:MaxChannels)");
        }

        if (stored is not null && stored.Kind != channel.Kind)
        {
            // A new kind brings its own secrets: nothing carries over.
            stored = null;
        }

        var merged = channel with
        {
            Source = "api",
            Url = channel.Url ?? (channel.UrlIsSecret ? stored?.Url : null),
            RoutingKey = channel.RoutingKey ?? stored?.RoutingKey,
            Password = channel.Password ?? stored?.Password,
        };
        if ((ChannelValidator.Validate(merged) ?? Targets.ChannelTargetRules.Check(merged, _targets)) is { } problem)
        {
            return new ChangeResult(problem, false);
        }

        state.State.Channels[channel.Name] = merged;
        await Save();
        return new ChangeResult(null, !exists);
    }

    public async Task<ChangeResult> DeleteChannel(string name)
    {
        if (FixedChannels().Any(c => c.Name == name))
        {
            return new ChangeResult(new FieldProblem("name", $"channel '{name}' is built in or comes from settings and cannot be deleted"), false, Conflict: true);
        }

        if (!state.State.Channels.ContainsKey(name))
        {
            return ChangeResult.Refused("name", $"no channel named '{name}'");
        }

        var routing = Routing();
        var user = new[] { routing.Default }.Concat(routing.Routes).FirstOrDefault(r => r.Channels.Contains(name));
        if (user is not null)
        {
            return new ChangeResult(new FieldProblem("name", $"route '{user.Name}' sends to channel '{name}'; change the routes first"), false, Conflict: true);
        }

        state.State.Channels.Remove(name);
        await Save();
        return new ChangeResult(null, false);
    }

    public async Task<ChangeResult> PutRouting(AlertRouting routing)
    {
        var channels = Current();
        if (RoutingValidator.Validate(routing, name => channels.Channel(name) is not null) is { } problem)
        {
            return new ChangeResult(problem, false);
        }

        state.State.Routing = routing;
        await Save();
        return new ChangeResult(null, false);
    }

    private AlertRouting Routing() => state.State.Routing ?? AlertRouting.Initial;

    private IEnumerable<ChannelConfig> FixedChannels()
    {
        yield return ChannelConfig.Log;
        foreach (var settings in options.Value.Channels)
        {
            yield return ChannelFromSettings(settings);
        }
    }

    private static ChannelConfig ChannelFromSettings(ChannelSettings s) => new()
    {
        Name = s.Name,
        Kind = Enum.TryParse<ChannelKind>(s.Kind, ignoreCase: true, out var kind) ? kind : ChannelKind.Log,
        SendResolved = s.SendResolved,
        Url = s.Url,
        RoutingKey = s.RoutingKey,
        To = [.. s.To],
        From = s.From,
        SmtpHost = s.SmtpHost,
        SmtpPort = s.SmtpPort,
        Username = s.Username,
        Password = s.Password,
        Security = s.Security,
        Timeout = s.Timeout,
        MaxAttempts = s.MaxAttempts,
        ResendInterval = s.ResendInterval,
        Source = "settings",
    };

    private async Task Save()
    {
        state.State.Version++;
        _config = null;
        await state.WriteStateAsync();
    }

    private AlertingConfig Current() =>
        _config ??= new AlertingConfig(
            state.State.Version,
            [.. FixedChannels().Concat(state.State.Channels.Values.OrderBy(c => c.Name, StringComparer.Ordinal))],
            Routing());
}
