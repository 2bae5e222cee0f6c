using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Models;
using Monitor.Grains.Outcomes;
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

    public async Task<ReportInputs> LoadAsync(
        string model,
        string? version,
        ReportPeriod period,
        DateTimeOffset now,
        TimeSpan retention,
        TimeSpan fineSpan,
        PeriodFigures? lastReview)
    {
        var modelGrain = grains.GetGrain<IModelGrain>(model);
        IReadOnlyList<string> versions = version is null ? await modelGrain.GetVersions() : [version];
        var covered = period.Length < retention ? period.Length : retention;
        var seriesSpan = covered * 2 <= retention ? covered * 2 : covered;
        var minutes = Math.Max(1, (int)Math.Ceiling(covered.TotalMinutes));
        var seriesMinutes = Math.Max(1, (int)Math.Ceiling(seriesSpan.TotalMinutes));
        var step = StepSeconds(seriesSpan, fineSpan);

        var loaded = await Task.WhenAll(versions.Select(v => LoadVersionAsync(model, v, minutes, seriesMinutes, step, period)));
        var (comparison, comparisonNote) = await CompareAsync(modelGrain, model, versions, version, minutes);
        var history = await grains.GetGrain<IModelAlertsGrain>(model).GetHistory();
        return new ReportInputs
        {
            Model = model,
            VersionAsked = version,
            Period = period,
            Now = now,
            Retention = retention,
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

    private async Task<VersionInputs> LoadVersionAsync(string model, string version, int minutes, int seriesMinutes, int step, ReportPeriod period)
    {
        var grain = grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));
        var summary = grain.GetSummary(minutes);
        var series = grain.GetTimeSeries(seriesMinutes, step);
        var drift = grain.EvaluateDrift();
        var history = grain.GetDriftHistory(period.Minutes);
        var report = await drift;
        return new VersionInputs
        {
            Version = version,
            Summary = await summary,
            Series = await series,
            Drift = report,
            DriftHistory = await history,
            Distributions = report is null ? [] : await DistributionsAsync(grain, report),
        };
    }

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
