namespace Monitor.Grains.Alerting;

/// <summary>An alert as a group holds it.</summary>
[GenerateSerializer, Immutable, Alias("monitor.GroupAlert")]
public sealed record GroupAlert
{
    [Id(0)] public required string Fingerprint { get; init; }
    [Id(1)] public required LabelSet Labels { get; init; }
    [Id(2)] public required LabelSet Annotations { get; init; }
    [Id(3)] public required DateTimeOffset StartsAt { get; init; }

    /// <summary>Null while firing.</summary>
    [Id(4)] public DateTimeOffset? EndsAt { get; init; }
    [Id(5)] public bool Muted { get; init; }

    /// <summary>The alert left this group without resolving (routes changed): dropped without a notification.</summary>
    [Id(6)] public bool Withdrawn { get; init; }
    [Id(7)] public string? GeneratorUrl { get; init; }
    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    public bool IsResolved => EndsAt is not null;
}

/// <summary>
/// Alerts for one group, with the route that formed it; the route is null when the sender only
/// resolves or withdraws alerts the group already holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.GroupUpdate")]
public sealed record GroupUpdate(
    [property: Id(0)] ResolvedRoute? Route,
    [property: Id(1)] LabelSet? GroupLabels,
    [property: Id(2)] GroupAlert[] Alerts);

/// <summary>A group as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertGroupView")]
public sealed record AlertGroupView(
    [property: Id(0)] string GroupKey,
    [property: Id(1)] string Route,
    [property: Id(2)] LabelSet GroupLabels,
    [property: Id(3)] GroupAlert[] Alerts,
    [property: Id(4)] DateTimeOffset? NextFlushAt,
    [property: Id(5)] string[] PendingChannels);
