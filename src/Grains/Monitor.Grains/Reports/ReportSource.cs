using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.History;
using Monitor.Grains.Models;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Segments;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Reports;

/// <summary>
/// Asks the existing queries what a report needs: each version's summary, time series, drift report and
/// drift history, the model's A/B comparison and alert history. The gateway and the scheduled reviews both
/// load through it, so both reports are the same.
/// </summary>
public sealed class ReportSource(IGrainFactory grains)
{
    /// <summary>About this many points per chart.</summary>
    private const int TargetPoints = 120;

    /// <summary>Drifted segments whose drift report a review shows, most severe first.</summary>
    public const int MaxSegmentReports = 5;

    /// <summary>The segments keep an hour of figures.</summary>
    private const int SegmentMinutes = 60;

    /// <summary>The step of a series that reaches past the windows: the history's hours.</summary>
    private const int HourSeconds = 3600;

    public async Task<ReportInputs> LoadAsync(
        string model,
        string? version,
        ReportPeriod period,
        DateTimeOffset now,
        TimeSpan retention,
        TimeSpan fineSpan,
        PeriodFigures? lastReview,
        TimeSpan historyReach = default)
    {
        var modelGrain = grains.GetGrain<IModelGrain>(model);
        IReadOnlyList<string> versions = version is null ? await modelGrain.GetVersions() : [version];
        var reach = historyReach > retention ? historyReach : retention;
        var covered = period.Length < reach ? period.Length : reach;
        var seriesSpan = covered * 2 <= reach ? covered * 2 : covered;
        var windowsCovered = covered < retention ? covered : retention;
        var minutes = Math.Max(1, (int)Math.Ceiling(windowsCovered.TotalMinutes));
        var series = seriesSpan > retention
            ? new SeriesAsked(Math.Max(1, (int)Math.Ceiling(retention.TotalMinutes)), HourSeconds, now - seriesSpan, retention)
            : new SeriesAsked(Math.Max(1, (int)Math.Ceiling(seriesSpan.TotalMinutes)), StepSeconds(seriesSpan, fineSpan), null, retention);

        // A period past the windows is summed from the history's hours, for the summaries and the comparison alike.
        var periods = covered > retention ? new PeriodLoads(grains, model, now - covered) : null;
        var loaded = await Task.WhenAll(versions.Select(v => LoadVersionAsync(model, v, minutes, series, period, now, periods)));
        var (comparison, comparisonNote) = periods is null
            ? await CompareAsync(modelGrain, model, versions, version, minutes)
            : await periods.CompareAsync(modelGrain, versions, version, (int)covered.TotalMinutes);
        var history = await grains.GetGrain<IModelAlertsGrain>(model).GetHistory();
        return new ReportInputs
        {
            Model = model,
            VersionAsked = version,
            Period = period,
            Now = now,
            Retention = retention,
            HistoryReach = historyReach,
            Versions = loaded,
            Comparison = comparison,
            ComparisonNote = comparisonNote,
            AlertHistory = history,
            LastReview = lastReview,
        };
    }

    /// <summary>A step of whole buckets giving about <see cref="TargetPoints"/> points: 10 s buckets within the fine span, 5 min beyond.</summary>
    public static int StepSeconds(TimeSpan span, TimeSpan fineSpan)
    {
        var bucket = span <= fineSpan ? 10 : 300;
        var raw = span.TotalSeconds / TargetPoints;
        return Math.Max(bucket, (int)Math.Ceiling(raw / bucket) * bucket);
    }

    private async Task<VersionInputs> LoadVersionAsync(
        string model, string version, int minutes, SeriesAsked asked, ReportPeriod period, DateTimeOffset now, PeriodLoads? periods)
    {
        var grain = grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));
        var summed = periods?.Of(version);
        var summary = summed is null ? grain.GetSummary(minutes) : null;
        var series = grain.GetTimeSeries(asked.Minutes, asked.StepSeconds);
        var hours = asked.HistoryFrom is { } from ? HistoryAsync(model, version, from, now) : null;
        var drift = grain.EvaluateDrift();
        var history = grain.GetDriftHistory(period.Minutes);
        var report = await drift;
        var windowSeries = await series;
        var segments = await grain.GetSegmentSettings() is { Keys.Count: > 0 } ? await grain.GetSegments(SegmentMinutes) : null;
        var segmentPeriod = segments is not null && periods is not null ? await periods.SegmentsAsync(version) : null;
        if (hours is not null)
        {
            // The windows' first hour may have lost its start to the retention: it is the history's, whole.
            var windowsFrom = Floor(now - asked.Retention, TimeSpan.FromHours(1)) + TimeSpan.FromHours(1);
            windowSeries = windowSeries with { Points = HourlyPoints.Join(await hours, windowSeries.Points, asked.HistoryFrom!.Value, windowsFrom) };
        }

        var whole = summed is null ? null : await summed;
        return new VersionInputs
        {
            Version = version,
            Summary = whole?.Summary ?? await summary!,
            HoursWithoutDetail = whole?.HoursWithoutDetail ?? 0,
            RequestsWithoutDetail = whole?.RequestsWithoutDetail ?? 0,
            SegmentPeriod = segmentPeriod,
            Series = windowSeries,
            Drift = report,
            DriftHistory = await history,
            Distributions = report is null ? [] : await DistributionsAsync(grain, report),
            Segments = segments,
            SegmentDrift = segments is null ? [] : await SegmentDriftAsync(grain, segments),
        };
    }

    private Task<IReadOnlyList<TimeSeriesPoint>> HistoryAsync(string model, string version, DateTimeOffset from, DateTimeOffset to) =>
        grains.GetGrain<IVersionHistoryGrain>(VersionKey.Of(model, version)).GetHours(from, to);

    private static async Task<IReadOnlyList<VersionDriftReport>> SegmentDriftAsync(IModelVersionGrain grain, SegmentListing listing)
    {
        var reports = new List<VersionDriftReport>();
        foreach (var segment in listing.Segments.Where(s => s.Drift?.Drifted == true).Take(MaxSegmentReports))
        {
            if (await grain.EvaluateSegmentDrift(new SegmentName(segment.Key, segment.Value)) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports;
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan unit) => new(time.UtcTicks - (time.UtcTicks % unit.Ticks), TimeSpan.Zero);

    /// <summary>The time series a version is asked for, and from when the history adds the hours the windows no longer hold.</summary>
    private sealed record SeriesAsked(int Minutes, int StepSeconds, DateTimeOffset? HistoryFrom, TimeSpan Retention);

    private static async Task<IReadOnlyList<FeatureDistributionPlot>> DistributionsAsync(IModelVersionGrain grain, VersionDriftReport report)
    {
        var plots = new List<FeatureDistributionPlot>();
        foreach (var feature in report.Features.Where(f => f.Status != DriftStatus.MissingFromCurrent).Take(DistributionPlots.MaxFeatures))
        {
            var lookup = await grain.GetFeatureDistribution(new DistributionQuery { Feature = feature.Name, Bins = 20, Top = 12 });
            if (lookup.Distribution is { } distribution && DistributionPlots.From(distribution) is { } plot)
            {
                plots.Add(plot);
            }
        }

        return plots;
    }

    private static async Task<(ModelComparison?, string?)> CompareAsync(IModelGrain grain, string model, IReadOnlyList<string> versions, string? version, int minutes)
    {
        var all = version is null ? versions : await grain.GetVersions();
        if (all.Count < 2)
        {
            return (null, $"Model '{model}' has one version: there is nothing to compare.");
        }

        var comparison = await grain.CompareWithChampion(minutes);
        if (comparison is null)
        {
            return (null, $"Model '{model}' has no champion: name one with PUT /v1/models/{model}/champion to compare the others with it.");
        }

        if (version is not null)
        {
            comparison = comparison with { Comparisons = [.. comparison.Comparisons.Where(c => c.A == version || c.B == version)] };
        }

        return (comparison, null);
    }
}
