namespace Monitor.Grains.Alerting;

/// <summary>
/// What a model-version grain tells its model's alert grain about one alert: that it fires (sent on
/// the change and re-sent while it lasts, each time valid until <see cref="ValidUntil"/>) or that it
/// resolved (<see cref="EndsAt"/> set). Pending alerts are never sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertUpdate")]
public sealed record AlertUpdate
{
    [Id(0)] public required LabelSet Labels { get; init; }
    [Id(1)] public required LabelSet Annotations { get; init; }

    /// <summary>When the condition started to hold (Prometheus's ActiveAt).</summary>
    [Id(2)] public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When it resolved; null while firing.</summary>
    [Id(3)] public DateTimeOffset? EndsAt { get; init; }

    /// <summary>A firing alert not re-sent by then is taken as resolved (its source went away).</summary>
    [Id(4)] public required DateTimeOffset ValidUntil { get; init; }
    [Id(5)] public double Value { get; init; }

    /// <summary>The rule's action channel, if any.</summary>
    [Id(6)] public string? Action { get; init; }

    [Id(7)] public string? GeneratorUrl { get; init; }

    public bool IsResolved => EndsAt is not null;

    public string Fingerprint => Labels.Fingerprint();
}

/// <summary>An alert as the model's alert grain holds it: the latest update and whether it is muted.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ActiveAlert")]
public sealed record ActiveAlert
{
    [Id(0)] public required string Fingerprint { get; init; }
    [Id(1)] public required AlertUpdate Alert { get; init; }

    /// <summary>Ids of the silences muting it.</summary>
    [Id(2)] public string[] SilencedBy { get; init; } = [];

    /// <summary>Fingerprints of the alerts inhibiting it.</summary>
    [Id(3)] public string[] InhibitedBy { get; init; } = [];

    /// <summary>Keys of the groups (routes) it was sent to.</summary>
    [Id(4)] public string[] Groups { get; init; } = [];
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }

    public bool IsMuted => SilencedBy.Length > 0 || InhibitedBy.Length > 0;
}

/// <summary>One line of the recent alert history.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertEvent")]
public sealed record AlertEvent
{
    [Id(0)] public required DateTimeOffset Time { get; init; }

    /// <summary>"firing", "resolved", "silenced", "inhibited", "unmuted".</summary>
    [Id(1)] public required string Event { get; init; }
    [Id(2)] public required string Fingerprint { get; init; }
    [Id(3)] public required LabelSet Labels { get; init; }
    [Id(4)] public double Value { get; init; }
    [Id(5)] public string? Summary { get; init; }
}
