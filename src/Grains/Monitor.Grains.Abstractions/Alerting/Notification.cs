namespace Monitor.Grains.Alerting;

/// <summary>
/// One notification of one group to one channel: the group's alerts at flush time. Channels render
/// it in their own format (the webhook's is Alertmanager's).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.Notification")]
public sealed record Notification
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>The group grain's key, where the outcome is reported.</summary>
    [Id(1)] public required string GroupId { get; init; }

    /// <summary>Alertmanager's group key: <c>{route}:{group labels}</c>.</summary>
    [Id(2)] public required string GroupKey { get; init; }
    [Id(3)] public required string Channel { get; init; }
    [Id(4)] public required LabelSet GroupLabels { get; init; }
    [Id(5)] public required GroupAlert[] Alerts { get; init; }
    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>An Alertmanager forward (re-sent while firing) rather than a notification.</summary>
    [Id(7)] public bool Forward { get; init; }

    /// <summary>How long firing alerts in a forward stay valid in the receiving Alertmanager.</summary>
    [Id(8)] public TimeSpan ForwardValidity { get; init; }

    /// <summary>"firing" when any alert fires, else "resolved".</summary>
    public string Status => Array.Exists(Alerts, a => !a.IsResolved) ? "firing" : "resolved";

    public IEnumerable<GroupAlert> Firing => Alerts.Where(a => !a.IsResolved);

    public IEnumerable<GroupAlert> Resolved => Alerts.Where(a => a.IsResolved);
}

[GenerateSerializer, Alias("monitor.DeliveryOutcome")]
public enum DeliveryOutcome
{
    Delivered = 0,

    /// <summary>Every attempt failed (or the failure cannot be retried).</summary>
    Failed = 1,

    /// <summary>Not sent: the channel no longer exists.</summary>
    Dropped = 2,
}
