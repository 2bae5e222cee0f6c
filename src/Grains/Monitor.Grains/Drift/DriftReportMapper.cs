using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>The engine's report in wire form, with the names and shape <c>monitor drift</c> prints.</summary>
public static class DriftReportMapper
{
    /// <summary>The dataset verdict; without any feature judged there is none (drifted null, status insufficient_data).</summary>
    public static DatasetDrift Dataset(DatasetDriftVerdict verdict) => new()
    {
        Drifted = verdict.FeaturesTested > 0 ? verdict.Drifted : null,
        Status = verdict.FeaturesTested > 0 ? DriftStatus.Evaluated : DriftStatus.InsufficientData,
        Correction = DriftNames.Of(verdict.Correction),
        Alpha = verdict.Alpha,
        MinimumSampleSize = verdict.MinimumSampleSize,
        FeaturesTested = verdict.FeaturesTested,
        FeaturesDrifted = verdict.FeaturesDrifted,
        FeaturesWithoutVerdict = verdict.FeaturesWithoutVerdict,
        DriftedShare = verdict.DriftedShare,
    };

    /// <summary>A whole report as <c>monitor drift</c> prints it: the same records, names and statuses as the HTTP report.</summary>
    public static DriftReportDocument Document(DriftReport report) => new(Dataset(report.Dataset), Features(report.Features), report.UnknownFeatures);

    public static IReadOnlyList<FeatureDrift> Features(IReadOnlyList<FeatureDriftReport> features)
    {
        var result = new FeatureDrift[features.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Feature(features[i]);
        }

        return result;
    }

    public static FeatureDrift Feature(FeatureDriftReport feature)
    {
        var tests = new DriftTestOutcome[feature.Tests.Count];
        for (var t = 0; t < tests.Length; t++)
        {
            var test = feature.Tests[t];
            tests[t] = new DriftTestOutcome
            {
                Test = DriftNames.Of(test.Test),
                Statistic = test.Statistic,
                PValue = test.PValue,
                Threshold = test.Threshold,
                Drifted = test.Drifted,
                ReferenceSize = test.ReferenceSize,
                CurrentSize = test.CurrentSize,
                PValueMethod = test.PValueMethod,
            };
        }

        return new FeatureDrift
        {
            Name = feature.Name,
            Kind = DriftNames.Of(feature.Kind),
            Status = DriftNames.Of(feature.Status),
            ReferenceSize = feature.ReferenceSize,
            CurrentSize = feature.CurrentSize,
            CurrentMissing = feature.CurrentMissing,
            Verdict = feature.Verdict is { } v
                ? new FeatureDriftVerdict
                {
                    Test = DriftNames.Of(v.Test),
                    IsDefaultTest = v.IsDefaultTest,
                    Statistic = v.Statistic,
                    PValue = v.PValue,
                    AdjustedPValue = v.AdjustedPValue,
                    Threshold = v.Threshold,
                    Drifted = v.Drifted,
                    Reason = v.Reason,
                    PValueMethod = v.PValueMethod,
                }
                : null,
            Tests = tests,
            UnseenShare = feature.UnseenShare,
            OutOfRangeShare = feature.OutOfRangeShare,
            Message = feature.Message,
        };
    }
}
