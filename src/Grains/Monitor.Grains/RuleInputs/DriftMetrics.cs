using Monitor.Grains.Drift;
using Monitor.Grains.Windows;

namespace Monitor.Grains.RuleInputs;

/// <summary>
/// Drift figures from the version's latest drift report, and data-quality figures from its time buckets
/// over the rule's window. Unknown names and unknown features answer false, so another source may know them.
/// </summary>
public sealed class DriftMetrics(Func<VersionDriftReport?> latest, Func<VersionWindow> window) : IVersionMetrics
{
    public bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value)
    {
        value = default;
        if (DriftMetricNames.Drift.Contains(query.Metric))
        {
            return TryDrift(query, latest(), out value);
        }

        if (DriftMetricNames.DataQuality.Contains(query.Metric))
        {
            var fromMs = nowMs - (long)query.Window.TotalMilliseconds;
            var quality = window().Aggregate(fromMs, nowMs + 1, nowMs).Quality;
            return TryQuality(query, quality, out value);
        }

        return false;
    }

    /// <summary>For a drift rule: the drifted features (or outputs) its figure rests on, most significant first.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Explain(VersionMetricQuery query)
    {
        if (!DriftMetricNames.Drift.Contains(query.Metric) || query.Metric == DriftMetricNames.DriftInsufficientData
            || MultivariateFigures.Names.Contains(query.Metric) || latest() is not { } report)
        {
            return [];
        }

        var isOutput = query.Metric is DriftMetricNames.OutputDrifted or DriftMetricNames.OutputDriftPValue;
        return DriftedFeatureAnnotations.Of(isOutput ? report.Outputs : report.Features, query.Feature);
    }

    private static bool TryDrift(VersionMetricQuery query, VersionDriftReport? report, out VersionMetricValue value)
    {
        if (report is null)
        {
            // Known, but never evaluated (no reference yet): nothing to compare.
            value = new(double.NaN, 0);
            return true;
        }

        long n = report.WindowRecords;
        var isOutput = query.Metric is DriftMetricNames.OutputDrifted or DriftMetricNames.OutputDriftPValue;
        var features = isOutput ? report.Outputs : report.Features;
        switch (query.Metric)
        {
            case DriftMetricNames.DriftDetected:
                // No verdict is not "no drift": NaN, so neither a rule on drift nor one on its absence holds.
                value = new(report.Dataset.Drifted is { } drifted ? (drifted ? 1 : 0) : double.NaN, n);
                return true;
            case DriftMetricNames.DriftInsufficientData:
                value = new(report.Dataset.Status == DriftStatus.InsufficientData ? 1 : 0, n);
                return true;
            case DriftMetricNames.DriftedFeatureShare:
                value = new(report.Dataset.FeaturesTested == 0 ? double.NaN : report.Dataset.DriftedShare, n);
                return true;
            case DriftMetricNames.MultivariateDriftDetected or DriftMetricNames.MultivariateReconstructionError:
                value = MultivariateFigures.Of(query.Metric, report.Multivariate);
                return true;
        }

        IEnumerable<FeatureDrift> selected = features;
        if (query.Feature is { } name)
        {
            var one = features.FirstOrDefault(f => f.Name == name);
            if (one is null)
            {
                value = default;
                return false;
            }

            selected = [one];
            n = one.CurrentSize;
        }

        double Pick(Func<FeatureDrift, double?> figure, Func<IEnumerable<double>, double> combine)
        {
            var values = selected.Select(figure).Where(v => v is not null).Select(v => v!.Value).ToList();
            return values.Count == 0 ? double.NaN : combine(values);
        }

        value = query.Metric switch
        {
            DriftMetricNames.FeatureDriftPValue or DriftMetricNames.OutputDriftPValue => new(Pick(f => f.Verdict?.PValue, v => v.Min()), n),
            DriftMetricNames.FeatureDriftAdjustedPValue => new(Pick(f => f.Verdict?.AdjustedPValue, v => v.Min()), n),
            DriftMetricNames.FeatureDriftStatistic => new(Pick(f => f.Verdict?.Statistic, v => v.Max()), n),
            DriftMetricNames.FeaturePsi => new(Pick(f => f.Tests.FirstOrDefault(t => t.Test == "psi")?.Statistic, v => v.Max()), n),
            _ => new(Pick(f => f.Verdict is { } v ? (v.Drifted ? 1 : 0) : null, v => v.Max()), n),
        };
        return true;
    }

    private static bool TryQuality(VersionMetricQuery query, DataQualityCounts? counts, out VersionMetricValue value)
    {
        counts ??= new DataQualityCounts();
        if (query.Metric == DriftMetricNames.NonFiniteRefused)
        {
            value = new(counts.NonFiniteRefused, counts.Records + counts.NonFiniteRefused);
            return true;
        }

        var checkedRecords = counts.RecordsChecked;
        switch (query.Metric)
        {
            case DriftMetricNames.SchemaViolationShare:
                value = new(Ratio(counts.ViolationRecords, checkedRecords), checkedRecords);
                return true;
            case DriftMetricNames.UnknownFeatureShare:
                value = new(Ratio(counts.UnknownFeatureRecords, checkedRecords), checkedRecords);
                return true;
        }

        // Per feature, or summed over every feature's values.
        long part = 0, whole = 0;
        var found = query.Feature is null;
        for (var j = 0; j < counts.Features.Count; j++)
        {
            if (query.Feature is { } name && counts.Features[j] != name)
            {
                continue;
            }

            found = true;
            var records = counts.Count(j, DataQualityCounts.RecordsSlot);
            var nulls = counts.Count(j, DataQualityCounts.NullSlot);
            var missing = counts.Count(j, DataQualityCounts.MissingSlot);
            var present = records - nulls - missing - counts.Count(j, DataQualityCounts.WrongTypeSlot);
            (part, whole) = query.Metric switch
            {
                DriftMetricNames.NullShare => (part + nulls, whole + records),
                DriftMetricNames.MissingShare => (part + missing, whole + records),
                DriftMetricNames.OutOfRangeShare when counts.CheckOf(j) == QualityCheck.Numeric =>
                    (part + counts.Count(j, DataQualityCounts.OutOfRangeSlot), whole + present),
                DriftMetricNames.UnseenCategoryShare when counts.CheckOf(j) == QualityCheck.Categorical =>
                    (part + counts.Count(j, DataQualityCounts.UnseenSlot), whole + present),
                _ => (part, whole),
            };
        }

        if (!found)
        {
            // A feature no record of the window had: nothing to measure yet, but the name is valid.
            value = new(double.NaN, 0);
            return true;
        }

        value = new(Ratio(part, whole), whole);
        return true;
    }

    private static double Ratio(long part, long whole) => whole <= 0 ? double.NaN : (double)part / whole;
}
