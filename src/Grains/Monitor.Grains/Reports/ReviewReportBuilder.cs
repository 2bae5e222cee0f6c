using Monitor.Grains.Drift;

namespace Monitor.Grains.Reports;

/// <summary>Composes a <see cref="ReviewReport"/> from the queries' answers. Pure: the same inputs give the same report.</summary>
public static class ReviewReportBuilder
{
    public const string SegmentsNote = "No version declares segment keys: every figure is per version, over all of its traffic (PUT .../segments declares them).";

    public const string SegmentFiguresNote = "Segment figures cover the last hour the segments keep; a segment's drift is of its records among the version's recent records.";

    /// <summary>The segments' figures when the period reaches past the windows: traffic from the history, the rest current.</summary>
    public static string SegmentPeriodNote(TimeSpan covered) =>
        $"Segment traffic and success cover the {Durations(covered)} from the hourly history; the segments' other figures cover the last hour "
        + "they keep, and a segment's drift is of the current window (its records among the version's recent records).";

    private const string QuantileSketchAccuracy = "0.5 %";

    public static ReviewReport Build(ReportInputs inputs)
    {
        var now = inputs.Now;
        var covered = inputs.Covered;
        var from = now - covered;
        var notes = new List<string>();
        if (inputs.FromHistory)
        {
            notes.Add($"Every figure over time, the version summaries (latency percentiles of the merged hourly sketches, within "
                + $"{QuantileSketchAccuracy}, outputs, data quality, performance and business figures), the A/B comparison and what changed cover the "
                + $"{Durations(covered)} from the versions' hourly history; the drift report and the distributions are of the current feature window.");
        }

        foreach (var v in inputs.Versions.Where(v => v.HoursWithoutDetail > 0))
        {
            notes.Add($"{v.Version}: {v.HoursWithoutDetail} h of the period were kept before the history kept hourly detail; its summary and the A/B "
                + $"comparison leave out their {v.RequestsWithoutDetail} requests (the time series and what changed count them).");
        }

        if (inputs.Period.Length > covered)
        {
            notes.Add($"{(inputs.HistoryReach > inputs.Retention ? $"The hourly history keeps {Durations(inputs.HistoryReach)}" : $"The windows keep {Durations(inputs.Retention)}")}: "
                + $"traffic, latency, outputs, data quality, performance and business figures cover the last {Durations(covered)} of the {inputs.Period.Text} period; "
                + "the drift history and alerts cover the whole period as far as they are kept.");
        }

        notes.Add(inputs.Versions.Any(v => v.Segments is not null)
            ? inputs.FromHistory ? SegmentPeriodNote(covered) : SegmentFiguresNote
            : SegmentsNote);

        var alerts = inputs.AlertHistory
            .Where(a => a.Time >= now - inputs.Period.Length && a.Time <= now)
            .Where(a => inputs.VersionAsked is null || a.Labels["version"] == inputs.VersionAsked)
            .ToList();
        var current = PeriodFiguresCalculator.Compute(
            from,
            now.AddTicks(1),
            inputs.Versions.Select(v => (v.Version, v.Series.Points)),
            inputs.Versions.Select(v => (v.Version, v.DriftHistory)),
            alerts);
        var (previous, source) = Previous(inputs, from, alerts);
        if (previous is null)
        {
            notes.Add($"No previous period to compare with: the time series reach {Durations(inputs.Reach)}, less than twice the covered {Durations(covered)}, and no scheduled review has kept figures yet.");
        }

        var previousDrifted = previous?.DriftedFeatures ?? [];
        return new ReviewReport
        {
            Model = inputs.Model,
            Version = inputs.VersionAsked,
            GeneratedAt = now,
            Period = inputs.Period.Text,
            From = now - inputs.Period.Length,
            To = now,
            CoveredMinutes = (int)covered.TotalMinutes,
            Notes = notes,
            WhatChanged = new WhatChanged
            {
                Current = current,
                Previous = previous,
                PreviousSource = source,
                Figures = PeriodFiguresCalculator.Changes(current, previous),
                NewlyDrifted = previous is null ? [] : [.. current.DriftedFeatures.Except(previousDrifted, StringComparer.Ordinal)],
                NoLongerDrifted = previous is null ? [] : [.. previousDrifted.Except(current.DriftedFeatures, StringComparer.Ordinal)],
            },
            Versions = [.. inputs.Versions.Select(v => Version(v, from))],
            Comparison = inputs.Comparison,
            ComparisonNote = inputs.ComparisonNote,
            Alerts =
            [
                .. alerts.OrderByDescending(a => a.Time).Select(a => new ReportAlert
                {
                    Time = a.Time,
                    Event = a.Event,
                    Alert = a.Labels["alertname"] ?? a.Fingerprint,
                    Version = a.Labels["version"],
                    Severity = a.Labels["severity"],
                    Summary = a.Summary,
                }),
            ],
        };
    }

    private static (PeriodFigures? Figures, string Source) Previous(ReportInputs inputs, DateTimeOffset from, IReadOnlyList<Alerting.AlertEvent> alerts)
    {
        if (inputs.SeriesHoldPrevious)
        {
            var figures = PeriodFiguresCalculator.Compute(
                from - inputs.Covered,
                from,
                inputs.Versions.Select(v => (v.Version, v.Series.Points)),
                inputs.Versions.Select(v => (v.Version, v.DriftHistory)),
                inputs.AlertHistory.Where(a => inputs.VersionAsked is null || a.Labels["version"] == inputs.VersionAsked));

            // A history that holds no request of the previous period may have started since (an upgrade, the history
            // turned on): the last review's figures, or none, say more than a week of zeros.
            var fromHistory = inputs.Covered * 2 > inputs.Retention;
            if (!fromHistory || figures.Requests > 0)
            {
                return (figures, fromHistory ? "history" : "windows");
            }
        }

        return inputs.LastReview is { } last && last.To <= inputs.Now ? (last, "previous_review") : (null, "none");
    }

    private static VersionReview Version(VersionInputs v, DateTimeOffset from) => new()
    {
        Version = v.Version,
        Summary = v.Summary,
        Series = [.. v.Series.Points.Where(p => p.Time >= from)],
        StepSeconds = v.Series.StepSeconds,
        Drift = v.Drift,
        DriftNote = v.Drift is null ? "No reference to compare with: set one with PUT .../reference or capture one with POST .../reference/capture." : null,
        FeatureTrends = Trends(v.DriftHistory),
        Distributions = v.Distributions,
        SegmentKeys = v.Segments?.Settings.Keys ?? [],
        Segments = v.Segments?.Segments ?? [],
        SegmentDrift = v.SegmentDrift,
        SegmentPeriod = v.SegmentPeriod,
    };

    private static IReadOnlyList<FeatureTrend> Trends(DriftHistory? history) =>
    [
        .. (history?.Features ?? []).Select(f =>
        {
            var judged = f.Points.Where(p => p.Drifted is not null).ToList();
            var last = f.Points.LastOrDefault(p => p.PValue is not null || p.Psi is not null);
            return new FeatureTrend
            {
                Feature = f.Name,
                Evaluations = judged.Count,
                Drifted = judged.Count(p => p.Drifted == true),
                MinPValue = f.Points.Where(p => p.PValue is not null).Select(p => p.PValue).Min(),
                LastPValue = last?.PValue,
                LastPsi = last?.Psi,
                PValues = [.. f.Points.Select(p => p.PValue)],
            };
        }),
    ];

    /// <summary>A duration as people read it: "24 h", "7 d", "90 min" (hours up to two days).</summary>
    public static string Durations(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 && span >= TimeSpan.FromDays(2) ? $"{span.Ticks / TimeSpan.TicksPerDay} d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.Ticks / TimeSpan.TicksPerHour} h"
        : $"{(long)span.TotalMinutes} min";
}
