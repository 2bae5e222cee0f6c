namespace Monitor.Grains.Alerting;

/// <summary>Mutes matching alerts between <see cref="StartsAt"/> and <see cref="EndsAt"/> (Alertmanager's silence).</summary>
[GenerateSerializer, Immutable, Alias("monitor.Silence")]
public sealed record Silence
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required LabelMatcher[] Matchers { get; init; }
    [Id(2)] public required DateTimeOffset StartsAt { get; init; }
    [Id(3)] public required DateTimeOffset EndsAt { get; init; }
    [Id(4)] public required string CreatedBy { get; init; }
    [Id(5)] public required string Comment { get; init; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }

    public bool IsActive(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    /// <summary>"pending" (not started), "active" or "expired".</summary>
    public string State(DateTimeOffset now) => now < StartsAt ? "pending" : now < EndsAt ? "active" : "expired";

    public bool Mutes(LabelSet labels, DateTimeOffset now) => IsActive(now) && LabelMatcher.All(Matchers, labels);
}

[GenerateSerializer, Immutable, Alias("monitor.SilenceSet")]
public sealed record SilenceSet(
    [property: Id(0)] long Version,
    [property: Id(1)] Silence[] Silences)
{
    public static SilenceSet Empty { get; } = new(0, []);
}
