using Monitor.Grains.Segments;
using Monitor.Grains.Drift;
using Monitor.Grains.History;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Reports;

/// <summary>
/// A review of one model over a period: what changed since the previous period first, then every version's
/// traffic, latency, outputs, drift, data quality, performance and business figures, the A/B comparison and
/// the alerts of the period. The renderers write it as HTML, JSON or Markdown; JSON is this record as it is.
/// </summary>
public sealed record ReviewReport
{
    public required string Model { get; init; }

    /// <summary>The version reviewed when one was asked for; null for every version.</summary>
    public string? Version { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The period asked for, as written (e.g. "7d").</summary>
    public required string Period { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }

    /// <summary>Minutes the windows actually cover (at most their retention); the period may be longer.</summary>
    public required int CoveredMinutes { get; init; }

    /// <summary>Caveats about what the report could and could not cover.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public required WhatChanged WhatChanged { get; init; }
    public required IReadOnlyList<VersionReview> Versions { get; init; }
    public ModelComparison? Comparison { get; init; }

    /// <summary>Why there is no comparison, when there is none.</summary>
    public string? ComparisonNote { get; init; }

    /// <summary>Alert events of the period, newest first.</summary>
    public required IReadOnlyList<ReportAlert> Alerts { get; init; }
}

/// <summary>The period against the previous one of the same length.</summary>
public sealed record WhatChanged
{
    public required PeriodFigures Current { get; init; }

    /// <summary>Null when neither the windows nor a previous review hold the previous period.</summary>
    public PeriodFigures? Previous { get; init; }

    /// <summary>"windows" (the time series reach back far enough), "previous_review" (figures a scheduled review kept) or "none".</summary>
    public required string PreviousSource { get; init; }

    /// <summary>One line per figure, in reading order.</summary>
    public required IReadOnlyList<FigureChange> Figures { get; init; }

    /// <summary>Features drifted in this period that were not in the previous one ("version/feature").</summary>
    public required IReadOnlyList<string> NewlyDrifted { get; init; }

    /// <summary>Features drifted in the previous period and not in this one.</summary>
    public required IReadOnlyList<string> NoLongerDrifted { get; init; }
}

/// <summary>One headline figure in both periods and how it moved.</summary>
public sealed record FigureChange
{
    /// <summary>"requests", "error_rate", "p99_latency_ms", "accuracy" or "alerts_fired".</summary>
    public required string Figure { get; init; }
    public double? Previous { get; init; }
    public double? Current { get; init; }

    /// <summary>(current − previous) / previous; null when either is missing or previous is zero.</summary>
    public double? RelativeChange { get; init; }

    /// <summary>"better", "worse", "unchanged" or "unknown" (for traffic: "up", "down", "unchanged", "unknown").</summary>
    public required string Direction { get; init; }
}

/// <summary>One version's part of the review.</summary>
public sealed record VersionReview
{
    public required string Version { get; init; }
    public required VersionSummary Summary { get; init; }

    /// <summary>The period's points (oldest first), for the trend charts.</summary>
    public required IReadOnlyList<TimeSeriesPoint> Series { get; init; }
    public required int StepSeconds { get; init; }

    /// <summary>The drift report on the feature window now; null without a reference (see <see cref="DriftNote"/>).</summary>
    public VersionDriftReport? Drift { get; init; }
    public string? DriftNote { get; init; }

    /// <summary>Each feature's drift over the period: evaluations, how many drifted, its smallest p-value.</summary>
    public required IReadOnlyList<FeatureTrend> FeatureTrends { get; init; }

    /// <summary>Reference and current distributions per feature, for the plots; empty when unavailable.</summary>
    public IReadOnlyList<FeatureDistributionPlot> Distributions { get; init; } = [];

    /// <summary>The version's segment keys; empty when it declares none.</summary>
    public IReadOnlyList<string> SegmentKeys { get; init; } = [];

    /// <summary>Each segment's health over the last hour, most severe first.</summary>
    public IReadOnlyList<SegmentHealth> Segments { get; init; } = [];

    /// <summary>The drift report of each drifted segment (at most <see cref="ReportSource.MaxSegmentReports"/>).</summary>
    public IReadOnlyList<VersionDriftReport> SegmentDrift { get; init; } = [];

    /// <summary>Each segment's traffic and success over a period past the windows, hour by hour; null when the windows cover it.</summary>
    public IReadOnlyList<SegmentPeriod>? SegmentPeriod { get; init; }
}

/// <summary>A feature's drift verdicts over the period, from the drift history.</summary>
public sealed record FeatureTrend
{
    public required string Feature { get; init; }
    public required int Evaluations { get; init; }
    public required int Drifted { get; init; }
    public double? MinPValue { get; init; }
    public double? LastPValue { get; init; }
    public double? LastPsi { get; init; }

    /// <summary>P-value per evaluation, oldest first (null where the feature had none), for a sparkline.</summary>
    public required IReadOnlyList<double?> PValues { get; init; }
}

/// <summary>Reference against current values of one feature: bins (numeric) or categories, as shares.</summary>
public sealed record FeatureDistributionPlot
{
    public required string Feature { get; init; }

    /// <summary>"numeric" or "categorical".</summary>
    public required string Kind { get; init; }

    /// <summary>Bin or category labels, in plotting order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }
    public required IReadOnlyList<double> Reference { get; init; }
    public required IReadOnlyList<double> Current { get; init; }
}

/// <summary>One alert event of the period.</summary>
public sealed record ReportAlert
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>"firing", "resolved", "silenced", "inhibited" or "unmuted".</summary>
    public required string Event { get; init; }
    public required string Alert { get; init; }
    public string? Version { get; init; }
    public string? Severity { get; init; }
    public string? Summary { get; init; }
}
