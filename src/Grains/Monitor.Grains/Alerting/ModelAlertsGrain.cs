using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Alerting;

/// <summary>
/// The alerts of one model (key: the model). Receives its versions' alerts, keeps them muted or not,
/// and passes changes on to the group grains. Persists on every change that matters (a new, resolved or
/// differently muted alert), never on a mere re-send. While it holds firing alerts a timer (which keeps
/// it active) checks those no longer re-sent with their versions and applies silences as they start and end.
/// </summary>
public sealed partial class ModelAlertsGrain(
    [PersistentState("model-alerts", MonitorStorage.Name)] IPersistentState<ModelAlertsState> state,
    AlertingSnapshotSource source,
    IOptions<AlertingOptions> options,
    TimeProvider time,
    ILogger<ModelAlertsGrain> logger) : Grain, IModelAlertsGrain
{
    private ModelAlertBook _book = null!;
    private IGrainTimer? _timer;
    private long _routingVersion = -1;
    private readonly Dictionary<string, GroupUpdate> _undelivered = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new ModelAlertBook(state.State, options.Value.HistoryLimit);
        _book.Extend(time.GetUtcNow() + options.Value.AlertValidity);
        ArmTimer();
        return Task.CompletedTask;
    }

    public async Task Receive(AlertUpdate[] updates)
    {
        var snapshot = await source.GetAsync();
        var now = time.GetUtcNow();
        _book.Apply(updates, now);
        await Settle(snapshot, now);
    }

    public Task<ActiveAlert[]> GetAlerts() =>
        Task.FromResult(state.State.Alerts.Values.OrderBy(a => a.Alert.StartsAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal).ToArray());

    public Task<AlertEvent[]> GetHistory()
    {
        var history = state.State.History;
        var newestFirst = new AlertEvent[history.Count];
        for (var i = 0; i < history.Count; i++)
        {
            newestFirst[i] = history[history.Count - 1 - i];
        }

        return Task.FromResult(newestFirst);
    }

    public async Task Resume()
    {
        var groups = state.State.Groups.Keys.ToList();
        await Task.WhenAll(groups.Select(g => GrainFactory.GetGrain<IAlertGroupGrain>(g).Resume()));
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        var snapshot = await source.GetAsync();
        var now = time.GetUtcNow();
        await ConfirmOverdue(now);
        if (snapshot.Config.Version != _routingVersion && _routingVersion >= 0)
        {
            _book.ResendAll();
        }

        await Settle(snapshot, now);
    }

    /// <summary>
    /// Alerts not re-sent in time are checked with their version, which this call activates if a restart or
    /// failover left it inactive: it then evaluates and re-sends them itself. Only an alert the version no
    /// longer holds resolves; one whose version cannot be reached keeps firing and is asked about again.
    /// </summary>
    private async Task ConfirmOverdue(DateTimeOffset now)
    {
        var validUntil = now + options.Value.AlertValidity;
        foreach (var byVersion in _book.Overdue(now).GroupBy(a => a.Alert.Labels.ValueOrEmpty("version"), StringComparer.Ordinal))
        {
            var fingerprints = byVersion.Select(a => a.Fingerprint).ToArray();
            try
            {
                // The version's answer interleaves with its own calls here, so the two grains never wait on each other.
                var held = await GrainFactory.GetGrain<IModelVersionGrain>(VersionKey.Of(this.GetPrimaryKeyString(), byVersion.Key)).GetHeldAlerts();
                _book.Confirm(fingerprints, held.ToHashSet(StringComparer.Ordinal), now, validUntil);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _book.Extend(fingerprints, validUntil);
                LogVersionUnreachable(logger, ex, this.GetPrimaryKeyString(), byVersion.Key);
            }
        }
    }

    private async Task Settle(AlertingSnapshot snapshot, DateTimeOffset now)
    {
        _routingVersion = snapshot.Config.Version;
        _book.Mute(snapshot, now);
        var updates = _book.TakeGroupUpdates(snapshot.Config.Routing, now);
        if (_book.Changed)
        {
            // Persisted before the groups hear of it: a restart re-sends from here.
            await state.WriteStateAsync();
            _book.Saved();
        }

        foreach (var (groupId, earlier) in _undelivered)
        {
            updates[groupId] = updates.TryGetValue(groupId, out var later) ? Merge(earlier, later) : earlier;
        }

        _undelivered.Clear();
        await Task.WhenAll(updates.Select(u => Deliver(u.Key, u.Value)));
        ArmTimer();
    }

    private async Task Deliver(string groupId, GroupUpdate update)
    {
        try
        {
            await GrainFactory.GetGrain<IAlertGroupGrain>(groupId).Receive(update);
        }
        catch (Exception ex)
        {
            // Kept for the next tick, so a resolution is never lost to a group that was briefly unreachable.
            _undelivered[groupId] = update;
            LogGroupUnreachable(logger, ex, groupId);
        }
    }

    private static GroupUpdate Merge(GroupUpdate earlier, GroupUpdate later)
    {
        var alerts = earlier.Alerts.ToDictionary(a => a.Fingerprint, StringComparer.Ordinal);
        foreach (var alert in later.Alerts)
        {
            alerts[alert.Fingerprint] = alert;
        }

        return new GroupUpdate(later.Route ?? earlier.Route, later.GroupLabels ?? earlier.GroupLabels, [.. alerts.Values]);
    }

    private void ArmTimer()
    {
        var busy = state.State.Alerts.Count > 0 || _undelivered.Count > 0;
        if (busy && _timer is null)
        {
            var interval = options.Value.EvaluationInterval;
            _timer = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(interval, interval) { Interleave = false, KeepAlive = true });
        }
        else if (!busy && _timer is not null)
        {
            _timer.Dispose();
            _timer = null;
            LogIdle(logger, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert group {Group} could not be reached; its update is retried on the next tick")]
    private static partial void LogGroupUnreachable(ILogger logger, Exception exception, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Version {Model}/{Version} could not be asked about its overdue alerts; they keep firing and it is asked again")]
    private static partial void LogVersionUnreachable(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model {Model} has no firing alerts; its alert timer stops")]
    private static partial void LogIdle(ILogger logger, string model);
}
