using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
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
    public required IReadOnlyList<VersionInputs> Versions { get; init; }
    public ModelComparison? Comparison { get; init; }
    public string? ComparisonNote { get; init; }

    /// <summary>The model's recent alert events (any order).</summary>
    public required IReadOnlyList<AlertEvent> AlertHistory { get; init; }

    /// <summary>The figures the last scheduled review kept, to compare with when the windows do not reach back.</summary>
    public PeriodFigures? LastReview { get; init; }

    /// <summary>The covered period: the period, cut to the windows' retention.</summary>
    public TimeSpan Covered => Period.Length < Retention ? Period.Length : Retention;

    /// <summary>Whether the windows hold the previous period too.</summary>
    public bool WindowsHoldPrevious => Covered * 2 <= Retention;
}

/// <summary>One version's answers: its summary over the covered period, its time series (over twice that when held), drift.</summary>
public sealed record VersionInputs
{
    public required string Version { get; init; }
    public required VersionSummary Summary { get; init; }
    public required VersionTimeSeries Series { get; init; }
    public VersionDriftReport? Drift { get; init; }
    public DriftHistory? DriftHistory { get; init; }
    public IReadOnlyList<FeatureDistributionPlot> Distributions { get; init; } = [];
}
