using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Grains.Alerting;

/// <summary>
/// Channels, routes and inhibit rules (key 0), write-through. Channels come from three places: the
/// built-in log channel, settings (read-only here) and the API. The stored channels' secrets are sealed
/// (<see cref="ChannelSecretProtector"/>); the grain holds them opened, and seals what was stored in plain
/// text by an earlier version as soon as it is activated.
/// </summary>
public sealed partial class AlertingConfigGrain(
    [PersistentState("alerting-config", MonitorStorage.Name)] IPersistentState<AlertingConfigState> state,
    IOptions<AlertingOptions> options,
    ChannelSecretProtector secrets,
    ILogger<AlertingConfigGrain> logger) : Grain, IAlertingConfigGrain
{
    private readonly Targets.TargetNetworkPolicy _targets = Targets.TargetNetworkPolicy.From(options.Value);
    private readonly Dictionary<string, ChannelConfig> _channels = new(StringComparer.Ordinal);
    private AlertingConfig? _config;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var plain = new List<string>();
        foreach (var (name, stored) in state.State.Channels)
        {
            var opened = secrets.Open(stored);
            _channels[name] = opened.Channel;
            if (opened.Unreadable)
            {
                // Kept sealed as stored: another key ring may still open it.
                LogUnreadable(logger, name);
            }
            else if (opened.WasPlain)
            {
                plain.Add(name);
            }
        }

        if (plain.Count > 0)
        {
            foreach (var name in plain)
            {
                state.State.Channels[name] = secrets.Seal(_channels[name]);
            }

            await state.WriteStateAsync(cancellationToken);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public Task<AlertingConfig> GetConfig() => Task.FromResult(Current());

    public Task<AlertingConfig?> GetIfChanged(long version) => Task.FromResult(version == state.State.Version ? null : Current());

    public async Task<ChangeResult> PutChannel(ChannelConfig channel, bool createOnly)
    {
        var fixedChannel = FixedChannels().FirstOrDefault(c => c.Name == channel.Name);
        if (fixedChannel is not null)
        {
            return new ChangeResult(new FieldProblem("name", $"channel '{channel.Name}' comes from {fixedChannel.Source} and cannot be changed here"), false, Conflict: true);
        }

        var exists = _channels.TryGetValue(channel.Name, out var stored);
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

        _channels[channel.Name] = merged;
        state.State.Channels[channel.Name] = secrets.Seal(merged);
        await Save();
        return new ChangeResult(null, !exists);
    }

    public async Task<ChangeResult> DeleteChannel(string name)
    {
        if (FixedChannels().Any(c => c.Name == name))
        {
            return new ChangeResult(new FieldProblem("name", $"channel '{name}' is built in or comes from settings and cannot be deleted"), false, Conflict: true);
        }

        if (!_channels.ContainsKey(name))
        {
            return ChangeResult.Refused("name", $"no channel named '{name}'");
        }

        var routing = Routing();
        var user = new[] { routing.Default }.Concat(routing.Routes).FirstOrDefault(r => r.Channels.Contains(name));
        if (user is not null)
        {
            return new ChangeResult(new FieldProblem("name", $"route '{user.Name}' sends to channel '{name}'; change the routes first"), false, Conflict: true);
        }

        _channels.Remove(name);
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
            [.. FixedChannels().Concat(_channels.Values.OrderBy(c => c.Name, StringComparer.Ordinal))],
            Routing());

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored secrets of channel {Channel} cannot be decrypted with this node's data protection key ring (Monitor:DataProtection:KeyRingDirectory); deliveries to it fail until its secrets are set again with PUT /v1/alerts/channels/{Channel}")]
    private static partial void LogUnreadable(ILogger logger, string channel);
}
