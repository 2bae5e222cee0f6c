using Monitor.Grains.Drift;

namespace Monitor.Grains.Outcomes.Comparison;

/// <summary>A version's drift report reduced to what a comparison shows of it: the dataset verdict and what drifted.</summary>
public static class ComparisonDrift
{
    public const string Note =
        "each version's drift verdict is evaluated now on its feature window (its last W records) against its own reference, not over the compared period";

    public static VersionDriftVerdict Verdict(VersionDriftReport? report)
    {
        if (report is null)
        {
            return VersionDriftVerdict.WithoutReference;
        }

        var dataset = report.Dataset;
        return new VersionDriftVerdict
        {
            Verdict = dataset.Drifted switch
            {
                true => VersionDriftVerdict.Drift,
                false => VersionDriftVerdict.NoDrift,
                null => VersionDriftVerdict.InsufficientData,
            },
            EvaluatedAt = report.EvaluatedAt,
            WindowRecords = report.WindowRecords,
            FeaturesTested = dataset.FeaturesTested,
            FeaturesDrifted = dataset.FeaturesDrifted,
            DriftedFeatures = [.. report.Features.Where(f => f.Verdict?.Drifted == true).Select(f => f.Name).Take(VersionDriftVerdict.MaxDriftedNames)],
            OutputsDrifted = report.OutputsVerdict?.Drifted,
        };
    }
}
