using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Reports;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests.Reports;

/// <summary>Hand-made query answers for the report builder: two 12-hour periods of hourly points, a drift report and history, alerts.</summary>
public static class ReportSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Previous 12 h: 10 requests an hour, 1 error in total, p99 100 ms; current 12 h: 20 an hour, 2 errors an hour, p99 200 ms.</summary>
    public static ReportInputs Inputs(string model = "fraud", string version = "v1", string feature = "amount", PeriodFigures? lastReview = null, TimeSpan? retention = null) => new()
    {
        Model = model,
        Period = new ReportPeriod(TimeSpan.FromHours(12), "12h"),
        Now = Now,
        Retention = retention ?? TimeSpan.FromHours(24),
        Versions = [Version(model, version, feature)],
        ComparisonNote = "one version",
        AlertHistory =
        [
            Alert(Now.AddHours(-2), "firing", model, version),
            Alert(Now.AddHours(-1), "resolved", model, version),
            Alert(Now.AddHours(-14), "firing", model, version),
            Alert(Now.AddHours(-15), "firing", model, version),
        ],
        LastReview = lastReview,
    };

    public static VersionInputs Version(string model, string version, string feature)
    {
        var points = new List<TimeSeriesPoint>();
        for (var h = 24; h >= 1; h--)
        {
            var current = h <= 12;
            points.Add(new TimeSeriesPoint
            {
                Time = Now.AddHours(-h),
                TotalRequests = current ? 20 : 10,
                ErrorCount = current ? 2 : (h == 20 ? 1 : 0),
                ThroughputPerSecond = 0,
                P99LatencyMs = current ? 200 : 100,
                ErrorsByType = new Dictionary<string, long>(),
                Outcomes = new OutcomePoint { Labels = 10, Accuracy = current ? 0.8 : 0.9, Revenue = 0 },
            });
        }

        return new VersionInputs
        {
            Version = version,
            Summary = Summary(model, version, feature),
            Series = new VersionTimeSeries { Model = model, Version = version, StepSeconds = 3600, Percentiles = PercentileMethod.Exact, Points = points },
            Drift = Drift(model, version, feature),
            DriftHistory = new DriftHistory
            {
                Model = model,
                Version = version,
                From = Now.AddHours(-12),
                To = Now,
                IntervalSeconds = 3600,
                Evaluations = [],
                Features =
                [
                    new FeatureDriftSeries
                    {
                        Name = feature,
                        Points =
                        [
                            new FeatureDriftPoint { Time = Now.AddHours(-13), Status = "evaluated", PValue = 0.5, Drifted = false },
                            new FeatureDriftPoint { Time = Now.AddHours(-3), Status = "evaluated", PValue = 0.2, Drifted = false },
                            new FeatureDriftPoint { Time = Now.AddHours(-1), Status = "evaluated", PValue = 0.001, Drifted = true },
                        ],
                    },
                    new FeatureDriftSeries
                    {
                        Name = "country",
                        Points = [new FeatureDriftPoint { Time = Now.AddHours(-13), Status = "evaluated", PValue = 0.0001, Drifted = true }],
                    },
                ],
                Outputs = [],
            },
        };
    }

    public static VersionSummary Summary(string model, string version, string feature) => new()
    {
        Model = model,
        Version = version,
        From = Now.AddHours(-12),
        To = Now,
        TotalRequests = 240,
        SuccessRate = 90,
        P50LatencyMs = 50,
        P95LatencyMs = 150,
        P99LatencyMs = 200,
        MaxLatencyMs = 300,
        Percentiles = PercentileMethod.Exact,
        ErrorCount = 24,
        ErrorsByType = new Dictionary<string, long> { ["timeout"] = 24 },
        ThroughputPerSecond = 0.0056,
        Confidence = new ConfidenceSummary { Count = 216, Mean = 0.8, LowShare = 0.1, LowThreshold = 0.5, Histogram = [new(0, 0.5, 20), new(0.5, 1, 196)] },
        Predictions = new PredictionDistribution { Kind = "classification", Count = 216, Classes = new Dictionary<string, long> { ["legit"] = 200, ["fraud"] = 16 } },
        DataQuality = new DataQualitySummary
        {
            Schema = "reference",
            Records = 240,
            RecordsChecked = 240,
            RecordsWithUnknownFeatures = 0,
            RecordsWithMissingFeatures = 3,
            NonFiniteRefused = 0,
            Features = [new FeatureDataQuality { Name = feature, Kind = "numeric", Records = 240, Nulls = 2, Missing = 3, WrongType = 0, OutOfRange = 5, UnseenCategories = 0, NullShare = 2 / 240.0 }],
        },
    };

    public static VersionDriftReport Drift(string model, string version, string feature) => new()
    {
        Model = model,
        Version = version,
        EvaluatedAt = Now,
        WindowRecords = 240,
        WindowSize = 1000,
        ReferenceRows = 500,
        Dataset = new DatasetDrift { Drifted = true, Correction = "bonferroni", Alpha = 0.05, MinimumSampleSize = 30, FeaturesTested = 2, FeaturesDrifted = 1, FeaturesWithoutVerdict = 0, DriftedShare = 0.5 },
        Features =
        [
            new FeatureDrift
            {
                Name = feature,
                Kind = "numeric",
                Status = "evaluated",
                ReferenceSize = 500,
                CurrentSize = 240,
                CurrentMissing = 0,
                Verdict = new FeatureDriftVerdict { Test = "cramer_von_mises", IsDefaultTest = true, Statistic = 1.2, PValue = 0.001, AdjustedPValue = 0.002, Threshold = 0.05, Drifted = true },
                Tests = [],
            },
        ],
        UnknownFeatures = [],
        Outputs = [],
        DataQuality = new DataQualitySummary { Schema = "reference", Records = 240, RecordsChecked = 240, RecordsWithUnknownFeatures = 0, RecordsWithMissingFeatures = 0, NonFiniteRefused = 0, Features = [] },
    };

    public static AlertEvent Alert(DateTimeOffset time, string kind, string model, string version) => new()
    {
        Time = time,
        Event = kind,
        Fingerprint = "0123456789abcdef",
        Labels = LabelSet.From(new Dictionary<string, string> { ["alertname"] = "HighErrorRate", ["model"] = model, ["version"] = version, ["severity"] = "warning" }),
        Value = 0.1,
        Summary = $"errors at {model}/{version}",
    };
}
