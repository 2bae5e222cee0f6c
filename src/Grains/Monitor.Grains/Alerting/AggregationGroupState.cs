namespace Monitor.Grains.Alerting;

/// <summary>What a group grain persists: written through whenever it changes.</summary>
[GenerateSerializer, Alias("monitor.AggregationGroupState")]
public sealed class AggregationGroupState
{
    [Id(0)] public string GroupId { get; set; } = "";
    [Id(1)] public string GroupKey { get; set; } = "";
    [Id(2)] public ResolvedRoute? Route { get; set; }
    [Id(3)] public LabelSet GroupLabels { get; set; } = LabelSet.Empty;
    [Id(4)] public Dictionary<string, GroupAlert> Alerts { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public DateTimeOffset? NextFlushAt { get; set; }
    [Id(6)] public bool HasFlushed { get; set; }

    /// <summary>Alertmanager's notification log: what each channel was last told.</summary>
    [Id(7)] public Dictionary<string, NotifyLogEntry> Log { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Notifications handed to delivery and not yet settled: at most one per channel (a newer one replaces it).</summary>
    [Id(8)] public Dictionary<string, OutboxEntry> Outbox { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When firing alerts are next re-sent to Alertmanager channels.</summary>
    [Id(9)] public DateTimeOffset? NextForwardAt { get; set; }
}

[GenerateSerializer, Immutable, Alias("monitor.NotifyLogEntry")]
public sealed record NotifyLogEntry(
    [property: Id(0)] string[] Firing,
    [property: Id(1)] string[] Resolved,
    [property: Id(2)] DateTimeOffset Timestamp);

/// <summary>A pending notification and the log entry to restore if it cannot be delivered.</summary>
[GenerateSerializer, Immutable, Alias("monitor.OutboxEntry")]
public sealed record OutboxEntry(
    [property: Id(0)] Notification Notification,
    [property: Id(1)] NotifyLogEntry? PreviousLog);
