using Monitor.Grains.Outcomes;
using Monitor.Grains.Versions;

namespace Monitor.Grains.History;

/// <summary>
/// A version's figures summed over a period that reaches past its windows: the history's hourly buckets before the
/// windows' first whole hour, the windows' own buckets after it.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionPeriod")]
public sealed record VersionPeriod
{
    /// <summary>The summary over the period; its latency percentiles are the merged sketch's.</summary>
    [Id(0)] public required VersionSummary Summary { get; init; }

    /// <summary>The version's side of an A/B comparison over the period.</summary>
    [Id(1)] public required VersionSample Sample { get; init; }

    /// <summary>Hours of the period the history holds as points only (stored before it kept their buckets).</summary>
    [Id(2)] public required int HoursWithoutDetail { get; init; }

    /// <summary>The requests of those hours, which the summary and the sample leave out.</summary>
    [Id(3)] public required long RequestsWithoutDetail { get; init; }
}

/// <summary>One segment's traffic over a period, hour by hour, from the hourly history.</summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentPeriod")]
public sealed record SegmentPeriod
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string Value { get; init; }
    [Id(2)] public required long Requests { get; init; }
    [Id(3)] public required long Errors { get; init; }

    /// <summary>Percent of the period's requests that succeeded; null without requests.</summary>
    [Id(4)] public double? SuccessRate { get; init; }

    /// <summary>The hours with traffic, oldest first.</summary>
    [Id(5)] public required IReadOnlyList<SegmentPeriodHour> Hours { get; init; }
}

[GenerateSerializer, Immutable, Alias("monitor.SegmentPeriodHour")]
public sealed record SegmentPeriodHour
{
    [Id(0)] public required DateTimeOffset Time { get; init; }
    [Id(1)] public required long Requests { get; init; }
    [Id(2)] public required long Errors { get; init; }
}
