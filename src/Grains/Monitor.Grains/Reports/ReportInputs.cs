using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.History;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Segments;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Reports;

/// <summary>What the existing queries answered for a report: the builder composes it, and nothing else.</summary>
public sealed record ReportInputs
{
    public required string Model { get; init; }
    public string? VersionAsked { get; init; }
    public required ReportPeriod Period { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>How far back the version windows reach (Monitor:Windows:Retention).</summary>
    public required TimeSpan Retention { get; init; }

    /// <summary>How far back the versions' hourly history reaches (Monitor:History:Retention); zero when it is off.</summary>
    public TimeSpan HistoryReach { get; init; }

    /// <summary>How far back the time series reach: the history's reach or the windows', whichever is longer.</summary>
    public TimeSpan Reach => HistoryReach > Retention ? HistoryReach : Retention;
    public required IReadOnlyList<VersionInputs> Versions { get; init; }
    public ModelComparison? Comparison { get; init; }
    public string? ComparisonNote { get; init; }

    /// <summary>The model's recent alert events (any order).</summary>
    public required IReadOnlyList<AlertEvent> AlertHistory { get; init; }

    /// <summary>The figures the last scheduled review kept, to compare with when the windows do not reach back.</summary>
    public PeriodFigures? LastReview { get; init; }

    /// <summary>The covered period: the period, cut to what the time series reach.</summary>
    public TimeSpan Covered => Period.Length < Reach ? Period.Length : Reach;

    /// <summary>Whether the time series hold the previous period too.</summary>
    public bool SeriesHoldPrevious => Covered * 2 <= Reach;

    /// <summary>Whether the covered period reaches past the windows, so its series comes from the hourly history.</summary>
    public bool FromHistory => Covered > Retention;
}

/// <summary>One version's answers: its summary over the covered period (from the hourly history past the windows), its time series (over twice that when held), drift.</summary>
public sealed record VersionInputs
{
    public required string Version { get; init; }
    public required VersionSummary Summary { get; init; }
    public required VersionTimeSeries Series { get; init; }
    public VersionDriftReport? Drift { get; init; }
    public DriftHistory? DriftHistory { get; init; }
    public IReadOnlyList<FeatureDistributionPlot> Distributions { get; init; } = [];

    /// <summary>The version's segments (GET .../segments); null when it declares no key.</summary>
    public SegmentListing? Segments { get; init; }

    /// <summary>Hours of a period past the windows the history holds as points only, which the summary leaves out.</summary>
    public int HoursWithoutDetail { get; init; }

    /// <summary>The requests of those hours.</summary>
    public long RequestsWithoutDetail { get; init; }

    /// <summary>Each segment's traffic over a period past the windows, from the hourly history; null otherwise.</summary>
    public IReadOnlyList<SegmentPeriod>? SegmentPeriod { get; init; }

    /// <summary>The drift reports of its drifted segments.</summary>
    public IReadOnlyList<VersionDriftReport> SegmentDrift { get; init; } = [];
}
