using Monitor.Grains.Drift;
using Monitor.Grains.Windows;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Tests.Drift;

public sealed class DataQualityCounterTests
{
    private static readonly long Now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static QualitySchema Schema() => QualitySchema.Of(DriftReference.Prepare(
    [
        DriftColumn.Numeric("amount", new double[] { 0, 10, 5 }),
        DriftColumn.Categorical("country", ["DE", "FR", "7"]),
    ]));

    [Fact]
    public void Counts_nulls_missing_wrong_types_out_of_range_values_and_unseen_categories_against_the_reference()
    {
        var batch = new TestBatch("m", "v")
            .Add(Now, 1, features: new() { ["amount"] = 5.0, ["country"] = "DE" })
            .Add(Now, 1, features: new() { ["amount"] = 11.0, ["country"] = "IT" })
            .Add(Now, 1, features: new() { ["amount"] = -1.0, ["country"] = 7 })
            .Add(Now, 1, features: new() { ["amount"] = null, ["country"] = 8 })
            .Add(Now, 1, features: new() { ["amount"] = "high", ["extra"] = 1.0 })
            .Add(Now, 1, features: new() { ["amount"] = 10.0, ["country"] = null })
            .Build();
        var counts = new DataQualityCounts();

        var totals = new DataQualityCounter(Schema()).CountRange(batch, 0, batch.Count, counts);

        var amount = Index(counts, "amount");
        Assert.Equal(6, counts.Count(amount, DataQualityCounts.RecordsSlot));
        Assert.Equal(1, counts.Count(amount, DataQualityCounts.NullSlot));
        Assert.Equal(1, counts.Count(amount, DataQualityCounts.WrongTypeSlot));
        Assert.Equal(2, counts.Count(amount, DataQualityCounts.OutOfRangeSlot));
        var country = Index(counts, "country");
        Assert.Equal(1, counts.Count(country, DataQualityCounts.MissingSlot));
        Assert.Equal(1, counts.Count(country, DataQualityCounts.NullSlot));
        Assert.Equal(2, counts.Count(country, DataQualityCounts.UnseenSlot)); // "IT" and 8; 7 matches the category "7"
        Assert.Equal(new QualityTotals(6, 1, 1, 1), totals);
        Assert.Equal(6, counts.RecordsChecked);
    }

    [Fact]
    public void A_feature_the_batch_lacks_is_missing_from_every_record()
    {
        var batch = new TestBatch("m", "v")
            .Add(Now, 1, features: new() { ["amount"] = 5.0 })
            .Add(Now, 1, features: new() { ["amount"] = 6.0 })
            .Build();
        var counts = new DataQualityCounts();

        var totals = new DataQualityCounter(Schema()).CountRange(batch, 0, 2, counts);

        Assert.Equal(2, counts.Count(Index(counts, "country"), DataQualityCounts.MissingSlot));
        Assert.Equal(2, totals.MissingFeatureRecords);
        Assert.Equal(2, counts.ViolationRecords);
    }

    [Fact]
    public void Without_a_reference_nulls_of_the_features_seen_are_counted_and_nothing_is_a_violation()
    {
        var counter = new DataQualityCounter(QualitySchema.Observed(2));
        var counts = new DataQualityCounts();
        var first = new TestBatch("m", "v").Add(Now, 1, features: new() { ["a"] = null }).Build();
        var second = new TestBatch("m", "v").Add(Now, 1, features: new() { ["a"] = 1.0, ["b"] = null, ["c"] = 2.0 }).Build();

        counter.CountRange(first, 0, 1, counts);
        var totals = counter.CountRange(second, 0, 1, counts);

        Assert.Equal(["a", "b"], counts.Features); // c is past the cap of two observed features
        Assert.Equal(1, counts.Count(0, DataQualityCounts.NullSlot));
        Assert.Equal(2, counts.Count(0, DataQualityCounts.RecordsSlot));
        Assert.Equal(1, counts.Count(1, DataQualityCounts.NullSlot));
        Assert.Equal(0, totals.ViolationRecords);
        Assert.Equal(0, counts.RecordsChecked);
        Assert.Equal("observed", DataQualityReport.Describe(counts).Schema);
    }

    [Fact]
    public void Counts_made_under_different_schemas_merge_by_feature_name()
    {
        var before = new DataQualityCounts();
        var observed = new DataQualityCounter(QualitySchema.Observed(10));
        observed.CountRange(new TestBatch("m", "v").Add(Now, 1, features: new() { ["country"] = null, ["zip"] = null }).Build(), 0, 1, before);
        var after = new DataQualityCounts();
        new DataQualityCounter(Schema()).CountRange(new TestBatch("m", "v").Add(Now, 1, features: new() { ["amount"] = 1.0, ["country"] = null }).Build(), 0, 1, after);

        var total = new DataQualityCounts();
        total.Merge(before);
        total.Merge(after);

        Assert.Equal(2, total.Count(Index(total, "country"), DataQualityCounts.NullSlot));
        Assert.Equal(1, total.Count(Index(total, "zip"), DataQualityCounts.NullSlot));
        Assert.Equal(1, total.Count(Index(total, "amount"), DataQualityCounts.RecordsSlot));
        Assert.Equal(QualityCheck.Categorical, total.CheckOf(Index(total, "country")));
        Assert.Equal(2, total.Records);
        Assert.Equal(1, total.RecordsChecked);
    }

    [Fact]
    public void Records_go_to_the_time_bucket_of_their_timestamp_and_the_summary_shows_them()
    {
        var window = new VersionWindow(new VersionWindowOptions());
        var counter = new DataQualityCounter(Schema());
        var batch = new TestBatch("m", "v")
            .Add(Now - 3_600_000, 1, features: new() { ["amount"] = 50.0, ["country"] = "DE" })
            .Add(Now - 1000, 1, features: new() { ["amount"] = null, ["country"] = "DE" })
            .Build();
        window.Apply(batch, Now);

        counter.Count(batch, window.Buckets, Now);

        var recent = window.Summarize("m", "v", 10, Now).DataQuality!;
        Assert.Equal(1, recent.Records);
        Assert.Equal(1.0, recent.Features.Single(f => f.Name == "amount").NullShare);
        var hours = window.Summarize("m", "v", 120, Now).DataQuality!;
        Assert.Equal(2, hours.Records);
        var amount = hours.Features.Single(f => f.Name == "amount");
        Assert.Equal(0.5, amount.NullShare);
        Assert.Equal(1.0, amount.OutOfRangeShare);
    }

    private static int Index(DataQualityCounts counts, string name) => counts.Features.ToList().IndexOf(name);
}
