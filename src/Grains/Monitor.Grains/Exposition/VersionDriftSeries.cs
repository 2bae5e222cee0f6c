using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Prometheus;

namespace Monitor.Grains.Exposition;

/// <summary>
/// One version's drift and data-quality series: set from each evaluation, capped at a number of features
/// (in reference order), and removed when a feature leaves the report, its verdict test changes, or the
/// version's grain deactivates (another silo may hold it next).
/// </summary>
public sealed class VersionDriftSeries(string model, string version, int maxFeatures)
{
    private readonly HashSet<(Gauge Gauge, string[] Labels)> _published = new(LabelComparer.Instance);
    private readonly Counter.Child _unknownRecords = DriftGauges.QualityRecords.WithLabels(model, version, "unknown_features");
    private readonly Counter.Child _missingRecords = DriftGauges.QualityRecords.WithLabels(model, version, "missing_features");
    private readonly Counter.Child _nonFiniteRecords = DriftGauges.QualityRecords.WithLabels(model, version, "non_finite_refused");

    /// <summary>Features left without series by the cap at the last evaluation.</summary>
    public int CappedFeatures { get; private set; }

    public void CountRecords(QualityTotals totals)
    {
        if (totals.UnknownFeatureRecords > 0)
        {
            _unknownRecords.Inc(totals.UnknownFeatureRecords);
        }

        if (totals.MissingFeatureRecords > 0)
        {
            _missingRecords.Inc(totals.MissingFeatureRecords);
        }
    }

    public void CountNonFinite(int records) => _nonFiniteRecords.Inc(records);

    public void Publish(VersionDriftReport report)
    {
        var current = new HashSet<(Gauge, string[])>(LabelComparer.Instance);
        void Set(Gauge gauge, double value, params string[] labels)
        {
            gauge.WithLabels(labels).Set(value);
            current.Add((gauge, labels));
        }

        // Without a verdict there is no drifted figure to export: 0 would read as "no drift".
        if (report.Dataset.Drifted is { } drifted)
        {
            Set(DriftGauges.DatasetDrifted, drifted ? 1 : 0, model, version);
            Set(DriftGauges.FeaturesDrifted, report.Dataset.FeaturesDrifted, model, version);
        }

        Set(DriftGauges.InsufficientData, report.Dataset.Status == DriftStatus.InsufficientData ? 1 : 0, model, version);
        Set(DriftGauges.WindowRecords, report.WindowRecords, model, version);
        Set(DriftGauges.EvaluationTimestamp, report.EvaluatedAt.ToUnixTimeMilliseconds() / 1000.0, model, version);
        if (report.DataQuality.SchemaViolationShare is { } violations)
        {
            Set(DriftGauges.SchemaViolationRatio, violations, model, version);
        }

        // One series per version (two for the bounds): the multivariate figures add no per-feature cardinality.
        if (report.Multivariate is { Drifted: { } multivariateDrifted } multivariate)
        {
            Set(DriftGauges.MultivariateDrifted, multivariateDrifted ? 1 : 0, model, version);
            Set(DriftGauges.MultivariateError, multivariate.ReconstructionError ?? double.NaN, model, version);
            Set(DriftGauges.MultivariateThreshold, multivariate.LowerThreshold ?? double.NaN, model, version, "lower");
            Set(DriftGauges.MultivariateThreshold, multivariate.UpperThreshold ?? double.NaN, model, version, "upper");
        }

        var quality = report.DataQuality.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var count = Math.Min(maxFeatures, report.Features.Count);
        CappedFeatures = report.Features.Count - count;
        for (var i = 0; i < count; i++)
        {
            var feature = report.Features[i];
            if (feature.Verdict is { } verdict)
            {
                Set(DriftGauges.FeatureStatistic, verdict.Statistic, model, version, feature.Name, verdict.Test);
                if (verdict.PValue is { } p)
                {
                    Set(DriftGauges.FeaturePValue, p, model, version, feature.Name, verdict.Test);
                }

                Set(DriftGauges.FeatureDrifted, verdict.Drifted ? 1 : 0, model, version, feature.Name);
            }

            foreach (var test in feature.Tests)
            {
                if (test.Test == "psi")
                {
                    Set(DriftGauges.FeaturePsi, test.Statistic, model, version, feature.Name);
                }
            }

            if (quality.TryGetValue(feature.Name, out var q))
            {
                SetShare(DriftGauges.NullRatio, q.NullShare, feature.Name);
                SetShare(DriftGauges.MissingRatio, q.MissingShare, feature.Name);
                SetShare(DriftGauges.OutOfRangeRatio, q.OutOfRangeShare, feature.Name);
                SetShare(DriftGauges.UnseenCategoryRatio, q.UnseenCategoryShare, feature.Name);
            }
        }

        foreach (var output in report.Outputs)
        {
            if (output.Verdict is { } verdict)
            {
                Set(DriftGauges.OutputStatistic, verdict.Statistic, model, version, output.Name, verdict.Test);
                if (verdict.PValue is { } p)
                {
                    Set(DriftGauges.OutputPValue, p, model, version, output.Name, verdict.Test);
                }

                Set(DriftGauges.OutputDrifted, verdict.Drifted ? 1 : 0, model, version, output.Name);
            }
        }

        foreach (var stale in _published)
        {
            if (!current.Contains(stale))
            {
                stale.Gauge.RemoveLabelled(stale.Labels);
            }
        }

        _published.Clear();
        _published.UnionWith(current);

        void SetShare(Gauge gauge, double? share, string feature)
        {
            if (share is { } value)
            {
                Set(gauge, value, model, version, feature);
            }
        }
    }

    /// <summary>Removes the version's gauges (its reference changed: the old figures no longer apply).</summary>
    public void ClearGauges()
    {
        foreach (var (gauge, labels) in _published)
        {
            gauge.RemoveLabelled(labels);
        }

        _published.Clear();
    }

    /// <summary>Removes every series of the version (its gauges and its counters).</summary>
    public void Remove()
    {
        ClearGauges();
        DriftGauges.QualityRecords.RemoveLabelled(model, version, "unknown_features");
        DriftGauges.QualityRecords.RemoveLabelled(model, version, "missing_features");
        DriftGauges.QualityRecords.RemoveLabelled(model, version, "non_finite_refused");
    }

    private sealed class LabelComparer : IEqualityComparer<(Gauge Gauge, string[] Labels)>
    {
        public static LabelComparer Instance { get; } = new();

        public bool Equals((Gauge Gauge, string[] Labels) x, (Gauge Gauge, string[] Labels) y) =>
            ReferenceEquals(x.Gauge, y.Gauge) && x.Labels.AsSpan().SequenceEqual(y.Labels);

        public int GetHashCode((Gauge Gauge, string[] Labels) obj)
        {
            var hash = new HashCode();
            hash.Add(obj.Gauge);
            foreach (var label in obj.Labels)
            {
                hash.Add(label, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
