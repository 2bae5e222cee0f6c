using Monitor.Grains.Drift;

namespace Monitor.Grains.Versions;

/// <summary>A one-line state of a version over the last few minutes, for listings.</summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionHealth")]
public sealed record VersionHealth
{
    [Id(0)] public required string Version { get; init; }

    /// <summary>"healthy", "degraded", "idle" (no recent traffic), or "new" (never received a record).</summary>
    [Id(1)] public required string Status { get; init; }
    [Id(2)] public required string Line { get; init; }
    [Id(3)] public required long RecentRequests { get; init; }
    [Id(4)] public double? SuccessRate { get; init; }
    [Id(5)] public double? P95LatencyMs { get; init; }
    [Id(6)] public DateTimeOffset? LastSeen { get; init; }
    [Id(7)] public required long TotalRecords { get; init; }

    /// <summary>The latest drift verdict; null when the version has no reference.</summary>
    [Id(8)] public DriftVerdictLine? Drift { get; init; }
}
