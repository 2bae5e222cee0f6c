using Monitor.Grains.Alerting.Delivery;

namespace Monitor.Grains.Alerting;

/// <summary>
/// One aggregation group. Runs <see cref="AggregationGroup"/> on its own timer; every notification is
/// persisted in the outbox before it is handed to delivery, and stays there until delivery settles it,
/// so a restart delivers it again (at least once; one pending notification per group and channel).
/// </summary>
public sealed class AlertGroupGrain(
    [PersistentState("alert-group", MonitorStorage.Name)] IPersistentState<AggregationGroupState> state,
    AlertingSnapshotSource source,
    INotificationDispatcher dispatcher,
    TimeProvider time) : Grain, IAlertGroupGrain
{
    private static readonly TimeSpan DefaultForwardInterval = TimeSpan.FromMinutes(1);

    private AggregationGroup _group = null!;
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.GroupId = this.GetPrimaryKeyString();
        _group = new AggregationGroup(state.State);
        foreach (var entry in state.State.Outbox.Values)
        {
            dispatcher.Dispatch(entry.Notification);
        }

        Arm();
        return Task.CompletedTask;
    }

    public async Task Receive(GroupUpdate update)
    {
        if (update.Route is { } route && update.GroupLabels is { } labels && state.State.GroupKey.Length == 0)
        {
            state.State.GroupKey = $"{route.Name}:{labels}";
        }

        _group.Insert(update, time.GetUtcNow());
        await RunDue();
    }

    public async Task Settle(string channel, string notificationId, DeliveryOutcome outcome)
    {
        if (_group.Settle(channel, notificationId, outcome))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<AlertGroupView> GetGroup() => Task.FromResult(new AlertGroupView(
        state.State.GroupKey,
        state.State.Route?.Name ?? "",
        state.State.GroupLabels,
        [.. state.State.Alerts.Values.OrderBy(a => a.StartsAt)],
        state.State.NextFlushAt,
        [.. state.State.Outbox.Keys]));

    public Task Resume() => Task.CompletedTask;

    private async Task RunDue()
    {
        var now = time.GetUtcNow();
        List<Notification> notifications = [];
        if (_group.NextDue is { } due && due <= now)
        {
            var snapshot = await source.GetAsync();
            notifications = _group.Due(now, snapshot.Config.Channel, DefaultForwardInterval);
        }

        // Persisted before delivery sees it: nothing handed to a channel is lost to a restart.
        await state.WriteStateAsync();
        foreach (var notification in notifications)
        {
            dispatcher.Dispatch(notification);
        }

        Arm();
    }

    private void Arm()
    {
        var wait = _group.NextDue is { } due ? due - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        if (wait != Timeout.InfiniteTimeSpan && wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            if (wait == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _timer = this.RegisterGrainTimer(_ => RunDue(), new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
            return;
        }

        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }
}
