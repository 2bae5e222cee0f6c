namespace Monitor.Grains.Alerting;

/// <summary>
/// Alertmanager's aggregation group and notification pipeline for one group, over its persisted state.
/// <list type="bullet">
/// <item>A new group flushes after <c>group_wait</c> (at once if an alert is older than that), then every
/// <c>group_interval</c> while it has alerts.</item>
/// <item>At each flush, per channel, muted alerts are left out and a notification is made only when a
/// firing alert is new to the channel, when alerts resolved (if the channel sends resolved), when the
/// firing set became empty, or when <c>repeat_interval</c> has passed since the last notification.</item>
/// <item>Resolved alerts leave the group after the flush; an empty group starts over with group_wait.</item>
/// <item>Alertmanager channels get the group's alerts at every flush and every resend interval while
/// any fire (Alertmanager resolves alerts that are not re-sent).</item>
/// </list>
/// Pure: the grain supplies the time and channels, persists the state, and hands notifications to delivery.
/// </summary>
public sealed class AggregationGroup(AggregationGroupState state)
{
    public AggregationGroupState State => state;

    public bool IsEmpty => state.Alerts.Count == 0;

    /// <summary>The next time <see cref="Due"/> has work, if any.</summary>
    public DateTimeOffset? NextDue =>
        state.NextForwardAt is { } forward && (state.NextFlushAt is null || forward < state.NextFlushAt) ? forward : state.NextFlushAt;

    public void Insert(GroupUpdate update, DateTimeOffset now)
    {
        state.Route = update.Route ?? state.Route;
        state.GroupLabels = update.GroupLabels ?? state.GroupLabels;
        var route = state.Route;
        foreach (var alert in update.Alerts)
        {
            if (alert.Withdrawn || route is null || (alert.IsResolved && !state.Alerts.ContainsKey(alert.Fingerprint)))
            {
                // Withdrawn, or resolved before this group ever held it: nothing to tell anyone.
                state.Alerts.Remove(alert.Fingerprint);
                continue;
            }

            state.Alerts[alert.Fingerprint] = alert;
            if (!state.HasFlushed && alert.StartsAt + route.GroupWait <= now)
            {
                // Alertmanager: an alert older than group_wait is not held back again.
                state.NextFlushAt = now;
            }
        }

        if (state.Alerts.Count > 0 && state.NextFlushAt is null && route is not null)
        {
            state.NextFlushAt = state.HasFlushed ? now + route.GroupInterval : now + route.GroupWait;
        }
    }

    /// <summary>Runs whatever is due at <paramref name="now"/>: the flush and Alertmanager resends. Returns the notifications to deliver.</summary>
    public List<Notification> Due(DateTimeOffset now, Func<string, ChannelConfig?> channels, TimeSpan defaultResend)
    {
        var notifications = new List<Notification>();
        if (state.Route is null)
        {
            return notifications;
        }

        if (state.NextFlushAt is { } flushAt && flushAt <= now)
        {
            Flush(now, channels, defaultResend, notifications);
        }
        else if (state.NextForwardAt is { } forwardAt && forwardAt <= now)
        {
            Forward(now, channels, defaultResend, notifications, firingOnly: true);
        }

        return notifications;
    }

    /// <summary>Delivery's outcome. A failed notification restores the channel's previous log entry, so the next flush tries again.</summary>
    public bool Settle(string channel, string notificationId, DeliveryOutcome outcome)
    {
        if (!state.Outbox.TryGetValue(channel, out var entry) || entry.Notification.Id != notificationId)
        {
            return false;
        }

        state.Outbox.Remove(channel);
        if (outcome == DeliveryOutcome.Failed && !entry.Notification.Forward)
        {
            if (entry.PreviousLog is null)
            {
                state.Log.Remove(channel);
            }
            else
            {
                state.Log[channel] = entry.PreviousLog;
            }
        }

        return true;
    }

    /// <summary>Alertmanager's DedupStage: whether this channel must be told about the group now.</summary>
    public static bool NeedsUpdate(NotifyLogEntry? entry, IReadOnlySet<string> firing, IReadOnlySet<string> resolved, bool sendResolved, TimeSpan repeat, DateTimeOffset now)
    {
        if (entry is null)
        {
            return firing.Count > 0;
        }

        if (!firing.IsSubsetOf(entry.Firing))
        {
            return true;
        }

        if (firing.Count == 0)
        {
            // Everything resolved: say so once (only if the channel had been told something fired).
            return entry.Firing.Length > 0;
        }

        if (sendResolved && !resolved.IsSubsetOf(entry.Resolved))
        {
            return true;
        }

        return entry.Timestamp < now - repeat;
    }

    private void Flush(DateTimeOffset now, Func<string, ChannelConfig?> channels, TimeSpan defaultResend, List<Notification> notifications)
    {
        var route = state.Route!;
        state.HasFlushed = true;
        state.NextFlushAt = now + route.GroupInterval;
        var visible = state.Alerts.Values.Where(a => !a.Muted).OrderBy(a => a.StartsAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal).ToArray();
        foreach (var name in route.Channels)
        {
            var channel = channels(name);
            if (channel is null || channel.Kind == ChannelKind.Alertmanager || visible.Length == 0)
            {
                continue;
            }

            var firing = visible.Where(a => !a.IsResolved).Select(a => a.Fingerprint).ToHashSet(StringComparer.Ordinal);
            var resolved = visible.Where(a => a.IsResolved).Select(a => a.Fingerprint).ToHashSet(StringComparer.Ordinal);
            state.Log.TryGetValue(name, out var previous);
            if (!NeedsUpdate(previous, firing, resolved, channel.SendResolved, route.RepeatInterval, now))
            {
                continue;
            }

            state.Log[name] = new NotifyLogEntry([.. firing], [.. resolved], now);
            var alerts = channel.SendResolved ? visible : [.. visible.Where(a => !a.IsResolved)];
            if (alerts.Length > 0)
            {
                notifications.Add(Enqueue(name, alerts, now, forward: false, TimeSpan.Zero, previous));
            }
        }

        Forward(now, channels, defaultResend, notifications, firingOnly: false);

        foreach (var fingerprint in state.Alerts.Values.Where(a => a.IsResolved).Select(a => a.Fingerprint).ToList())
        {
            state.Alerts.Remove(fingerprint);
        }

        if (state.Alerts.Count == 0)
        {
            state.HasFlushed = false;
            state.NextFlushAt = null;
            state.NextForwardAt = null;
        }
    }

    private void Forward(DateTimeOffset now, Func<string, ChannelConfig?> channels, TimeSpan defaultResend, List<Notification> notifications, bool firingOnly)
    {
        state.NextForwardAt = null;
        var visible = state.Alerts.Values.Where(a => !a.Muted && (!firingOnly || !a.IsResolved)).OrderBy(a => a.StartsAt).ToArray();
        foreach (var name in state.Route!.Channels)
        {
            var channel = channels(name);
            if (channel is not { Kind: ChannelKind.Alertmanager })
            {
                continue;
            }

            var resend = channel.ResendInterval ?? defaultResend;
            if (visible.Length > 0)
            {
                notifications.Add(Enqueue(name, visible, now, forward: true, 4 * resend, previous: null));
            }

            if (visible.Any(a => !a.IsResolved))
            {
                var next = now + resend;
                state.NextForwardAt = state.NextForwardAt is { } existing && existing < next ? existing : next;
            }
        }
    }

    private Notification Enqueue(string channel, GroupAlert[] alerts, DateTimeOffset now, bool forward, TimeSpan validity, NotifyLogEntry? previous)
    {
        var notification = new Notification
        {
            Id = Guid.NewGuid().ToString("N"),
            GroupId = state.GroupId,
            GroupKey = state.GroupKey,
            Channel = channel,
            GroupLabels = state.GroupLabels,
            Alerts = alerts,
            CreatedAt = now,
            Forward = forward,
            ForwardValidity = validity,
        };

        // A newer notification replaces one still pending: delivery is deduplicated by group and channel.
        if (state.Outbox.TryGetValue(channel, out var pending) && !pending.Notification.Forward)
        {
            previous = pending.PreviousLog;
        }

        state.Outbox[channel] = new OutboxEntry(notification, previous);
        return notification;
    }
}
