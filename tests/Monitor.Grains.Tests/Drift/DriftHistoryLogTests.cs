using Monitor.Grains.Drift;

namespace Monitor.Grains.Tests.Drift;

public sealed class DriftHistoryLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_the_newest_entries_and_returns_each_features_points_in_the_period()
    {
        var log = new DriftHistoryLog(3);
        for (var i = 0; i < 5; i++)
        {
            log.Add(Report(Start.AddMinutes(i), pValue: i / 10.0));
        }

        Assert.Equal(3, log.Count);
        var all = log.Read("m", "v", Start.ToUnixTimeMilliseconds(), Start.AddMinutes(10).ToUnixTimeMilliseconds(), 60);
        Assert.Equal([Start.AddMinutes(2), Start.AddMinutes(3), Start.AddMinutes(4)], all.Evaluations.Select(e => e.Time));
        var amount = all.Features.Single();
        Assert.Equal("amount", amount.Name);
        Assert.Equal([0.2, 0.3, 0.4], amount.Points.Select(p => p.PValue!.Value));
        Assert.Equal([0.5, 0.5, 0.5], amount.Points.Select(p => p.Psi!.Value));

        var recent = log.Read("m", "v", Start.AddMinutes(3).ToUnixTimeMilliseconds(), Start.AddMinutes(10).ToUnixTimeMilliseconds(), 60);
        Assert.Equal(2, recent.Evaluations.Count);
    }

    [Fact]
    public void Only_changed_pages_are_written_and_the_newest_entries_are_restored_from_them()
    {
        var log = new DriftHistoryLog(100);
        var stored = new Dictionary<int, DriftHistoryPage>();
        for (var i = 0; i < 250; i++)
        {
            log.Add(Report(Start.AddMinutes(i), 0.5));
            foreach (var (slot, page) in log.TakeChanged())
            {
                stored[slot] = page;
            }
        }

        Assert.Empty(log.TakeChanged());
        Assert.Equal(log.PageSlots, stored.Count);
        var restored = DriftHistoryLog.Restore(100, stored.Values);
        var read = restored.Read("m", "v", Start.ToUnixTimeMilliseconds(), Start.AddMinutes(300).ToUnixTimeMilliseconds(), 60);
        Assert.Equal(100, read.Evaluations.Count);
        Assert.Equal(Start.AddMinutes(150), read.Evaluations[0].Time);
        Assert.Equal(Start.AddMinutes(249), read.Evaluations[^1].Time);

        restored.Add(Report(Start.AddMinutes(250), 0.5));
        var changed = restored.TakeChanged();
        Assert.Equal(250 / DriftHistoryLog.PageSize % restored.PageSlots, changed.Single().Slot);
    }

    internal static VersionDriftReport Report(DateTimeOffset time, double pValue) => new()
    {
        Model = "m",
        Version = "v",
        EvaluatedAt = time,
        WindowRecords = 100,
        WindowSize = 1000,
        ReferenceRows = 100,
        Dataset = new DatasetDrift
        {
            Drifted = pValue < 0.05, Correction = "bonferroni", Alpha = 0.05, MinimumSampleSize = 30,
            FeaturesTested = 1, FeaturesDrifted = pValue < 0.05 ? 1 : 0, FeaturesWithoutVerdict = 0, DriftedShare = 0,
        },
        Features =
        [
            new FeatureDrift
            {
                Name = "amount", Kind = "numeric", Status = "evaluated", ReferenceSize = 100, CurrentSize = 100, CurrentMissing = 0,
                Verdict = new FeatureDriftVerdict { Test = "cramer_von_mises", IsDefaultTest = true, Statistic = 1, PValue = pValue, AdjustedPValue = pValue, Threshold = 0.05, Drifted = false },
                Tests = [new DriftTestOutcome { Test = "psi", Statistic = 0.5, Threshold = 0.1, Drifted = true, ReferenceSize = 100, CurrentSize = 100 }],
            },
        ],
        UnknownFeatures = [],
        Outputs = [],
        DataQuality = DataQualityReport.Describe(null),
    };
}
