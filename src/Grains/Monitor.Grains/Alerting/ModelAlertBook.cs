namespace Monitor.Grains.Alerting;

/// <summary>
/// The model's alert grain's logic: deduplicates updates by fingerprint, keeps alerts no longer re-sent
/// until their version confirms or denies them, marks silenced and inhibited alerts, keeps the bounded history, and works out what each
/// group must hear. Pure: the grain supplies time and configuration, calls the groups and persists.
/// </summary>
public sealed class ModelAlertBook(ModelAlertsState state, int historyLimit)
{
    private static readonly TimeSpan GroupMemory = TimeSpan.FromDays(1);

    private readonly List<ActiveAlert> _outgoing = [];

    public ModelAlertsState State => state;

    /// <summary>Something a restart must not lose changed (not a mere re-send).</summary>
    public bool Changed { get; private set; }

    public void Apply(IEnumerable<AlertUpdate> updates, DateTimeOffset now)
    {
        foreach (var update in updates)
        {
            var fingerprint = update.Fingerprint;
            state.Alerts.TryGetValue(fingerprint, out var existing);
            if (update.IsResolved)
            {
                if (existing is not null)
                {
                    Resolve(existing, update, now, update.Annotations["summary"]);
                }

                continue;
            }

            var alert = (existing ?? new ActiveAlert { Fingerprint = fingerprint, Alert = update }) with { Alert = update, UpdatedAt = now };
            state.Alerts[fingerprint] = alert;
            if (existing is null)
            {
                Record(now, "firing", alert, update.Annotations["summary"]);
                Changed = true;
            }

            _outgoing.Add(alert);
        }
    }

    /// <summary>
    /// Firing alerts whose validity ended without a re-send. They are not taken as resolved here: their
    /// version's grain is asked first (<see cref="Confirm"/>), so a version that was not running (a restart,
    /// a failover) never resolves an alert that still holds.
    /// </summary>
    public IReadOnlyList<ActiveAlert> Overdue(DateTimeOffset now) => [.. state.Alerts.Values.Where(a => a.Alert.ValidUntil < now)];

    /// <summary>
    /// What the version answered about its overdue alerts: those it still holds (firing, or resolved with the
    /// resolution not yet sent) get a new validity, for it to re-send them; the others resolve.
    /// </summary>
    public void Confirm(IEnumerable<string> overdue, IReadOnlySet<string> held, DateTimeOffset now, DateTimeOffset validUntil)
    {
        foreach (var fingerprint in overdue)
        {
            if (!state.Alerts.TryGetValue(fingerprint, out var alert))
            {
                continue;
            }

            if (held.Contains(fingerprint))
            {
                Extend(fingerprint, validUntil);
            }
            else
            {
                Resolve(alert, alert.Alert with { EndsAt = now }, now, "no longer firing in its version: resolved");
            }
        }
    }

    /// <summary>The version could not be asked: its alerts keep firing, and it is asked again after this validity.</summary>
    public void Extend(IEnumerable<string> fingerprints, DateTimeOffset until)
    {
        foreach (var fingerprint in fingerprints)
        {
            Extend(fingerprint, until);
        }
    }

    /// <summary>After a restart every firing alert gets a full validity again, for its version to re-send it.</summary>
    public void Extend(DateTimeOffset until) => Extend([.. state.Alerts.Keys], until);

    private void Extend(string fingerprint, DateTimeOffset until)
    {
        if (state.Alerts.TryGetValue(fingerprint, out var alert) && alert.Alert.ValidUntil < until)
        {
            state.Alerts[fingerprint] = alert with { Alert = alert.Alert with { ValidUntil = until } };
        }
    }

    /// <summary>Re-evaluates silences and inhibition for every alert; alerts whose muting changed are passed on.</summary>
    public void Mute(AlertingSnapshot snapshot, DateTimeOffset now)
    {
        var firing = state.Alerts.Values.Select(a => (a.Fingerprint, a.Alert.Labels)).ToList();
        foreach (var alert in state.Alerts.Values.ToList())
        {
            var silenced = AlertMuting.SilencedBy(alert.Alert.Labels, snapshot.Silences, now);
            var inhibited = AlertMuting.InhibitedBy(alert.Fingerprint, alert.Alert.Labels, firing, snapshot.Config.Routing.InhibitRules);
            if (silenced.AsSpan().SequenceEqual(alert.SilencedBy) && inhibited.AsSpan().SequenceEqual(alert.InhibitedBy))
            {
                continue;
            }

            var updated = alert with { SilencedBy = silenced, InhibitedBy = inhibited };
            state.Alerts[alert.Fingerprint] = updated;
            Record(now, silenced.Length > 0 ? "silenced" : inhibited.Length > 0 ? "inhibited" : "unmuted", updated, null);
            Changed = true;
            Replace(updated);
        }
    }

    /// <summary>What each group must hear about the alerts that changed, and the group each alert is now in.</summary>
    public Dictionary<string, GroupUpdate> TakeGroupUpdates(AlertRouting routing, DateTimeOffset now)
    {
        var buckets = new Dictionary<string, (ResolvedRoute? Route, LabelSet? Labels, List<GroupAlert> Alerts)>(StringComparer.Ordinal);
        foreach (var alert in _outgoing)
        {
            var message = new GroupAlert
            {
                Fingerprint = alert.Fingerprint,
                Labels = alert.Alert.Labels,
                Annotations = alert.Alert.Annotations,
                StartsAt = alert.Alert.StartsAt,
                EndsAt = alert.Alert.EndsAt,
                Muted = alert.IsMuted,
                GeneratorUrl = alert.Alert.GeneratorUrl,
                UpdatedAt = now,
            };
            if (alert.Alert.IsResolved)
            {
                foreach (var groupId in alert.Groups)
                {
                    Add(buckets, groupId, null, null, message);
                }

                continue;
            }

            var routed = AlertRouter.Route(routing, alert.Alert.Labels, alert.Alert.Action);
            foreach (var group in routed)
            {
                Add(buckets, group.GroupId, group.Route, group.GroupLabels, message);
                state.Groups[group.GroupId] = now;
            }

            var groupIds = routed.Select(g => g.GroupId).ToArray();
            foreach (var old in alert.Groups.Except(groupIds))
            {
                Add(buckets, old, null, null, message with { Withdrawn = true });
            }

            if (!groupIds.AsSpan().SequenceEqual(alert.Groups) && state.Alerts.ContainsKey(alert.Fingerprint))
            {
                state.Alerts[alert.Fingerprint] = state.Alerts[alert.Fingerprint] with { Groups = groupIds };
                Changed = true;
            }
        }

        _outgoing.Clear();
        foreach (var stale in state.Groups.Where(g => g.Value < now - GroupMemory).Select(g => g.Key).ToList())
        {
            state.Groups.Remove(stale);
        }

        return buckets.ToDictionary(b => b.Key, b => new GroupUpdate(b.Value.Route, b.Value.Labels, [.. b.Value.Alerts]), StringComparer.Ordinal);
    }

    /// <summary>Passes every firing alert on again (after a routing change).</summary>
    public void ResendAll() => _outgoing.AddRange(state.Alerts.Values);

    public void Saved() => Changed = false;

    private void Resolve(ActiveAlert alert, AlertUpdate resolution, DateTimeOffset now, string? summary)
    {
        state.Alerts.Remove(alert.Fingerprint);
        var resolved = alert with { Alert = resolution, UpdatedAt = now };
        Record(now, "resolved", resolved, summary);
        Changed = true;
        Replace(resolved);
    }

    private void Replace(ActiveAlert alert)
    {
        _outgoing.RemoveAll(a => a.Fingerprint == alert.Fingerprint);
        _outgoing.Add(alert);
    }

    private void Record(DateTimeOffset now, string what, ActiveAlert alert, string? summary)
    {
        state.History.Add(new AlertEvent
        {
            Time = now,
            Event = what,
            Fingerprint = alert.Fingerprint,
            Labels = alert.Alert.Labels,
            Value = alert.Alert.Value,
            Summary = summary,
        });
        if (state.History.Count > historyLimit)
        {
            state.History.RemoveRange(0, state.History.Count - historyLimit);
        }
    }

    private static void Add(
        Dictionary<string, (ResolvedRoute? Route, LabelSet? Labels, List<GroupAlert> Alerts)> buckets,
        string groupId,
        ResolvedRoute? route,
        LabelSet? labels,
        GroupAlert alert)
    {
        if (!buckets.TryGetValue(groupId, out var bucket))
        {
            bucket = (route, labels, []);
        }

        bucket.Alerts.Add(alert);
        buckets[groupId] = (route ?? bucket.Route, labels ?? bucket.Labels, bucket.Alerts);
    }
}
