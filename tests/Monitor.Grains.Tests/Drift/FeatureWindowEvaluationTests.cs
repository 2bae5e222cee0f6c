using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Tests.Drift;

public sealed class FeatureWindowEvaluationTests
{
    private static readonly long Now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void The_grain_evaluation_equals_the_engine_on_the_last_W_records()
    {
        var random = new Random(7);
        var reference = Reference(random, 400);
        var recent = new RecentBatches(50);
        var all = new List<(double Amount, string Country)>();
        for (var b = 0; b < 9; b++)
        {
            var batch = new TestBatch("m", "v");
            for (var i = 0; i < 13; i++)
            {
                var amount = Normal(random) + 0.3;
                var country = random.Next(4) switch { 0 => "DE", 1 => "FR", 2 => "US", _ => "IT" };
                batch.Add(Now, 1, prediction: random.Next(2), confidence: random.NextDouble(), features: new() { ["amount"] = amount, ["country"] = country });
                all.Add((amount, country));
            }

            recent.Add(batch.Build());
        }

        var evaluator = new VersionDriftEvaluator();
        evaluator.Configure(reference, DriftSettings.Default);
        var report = evaluator.Evaluate("m", "v", Ring(reference, recent, 50), DateTimeOffset.FromUnixTimeMilliseconds(Now));

        var last = all.Skip(all.Count - 50).ToList();
        var expected = DriftEngine.Evaluate(reference.Features,
        [
            DriftColumn.Numeric("amount", last.Select(r => r.Amount).ToArray()),
            DriftColumn.Categorical("country", last.Select(r => (string?)r.Country).ToList()),
        ]);
        Assert.Equal(50, report.WindowRecords);
        for (var f = 0; f < 2; f++)
        {
            var tests = report.Features[f].Tests;
            var engine = expected.Features[f].Tests;
            Assert.Equal(engine.Count, tests.Count);
            for (var t = 0; t < tests.Count; t++)
            {
                Assert.Equal(engine[t].Statistic, tests[t].Statistic);
                Assert.Equal(engine[t].PValue, tests[t].PValue);
            }
        }

        Assert.Equal(expected.Dataset.Drifted, report.Dataset.Drifted);
        Assert.Equal(["prediction", "confidence"], report.Outputs.Select(o => o.Name));
        Assert.All(report.Outputs, o => Assert.Equal("evaluated", o.Status));
        Assert.Equal(last.Count(r => r.Country == "IT") / 50.0, report.DataQuality.Features.Single(q => q.Name == "country").UnseenCategoryShare);
        Assert.Equal(expected.Features[1].UnseenShare, report.Features[1].UnseenShare);
    }

    [Fact]
    public void A_numeric_feature_sent_as_text_is_a_type_mismatch_and_unknown_features_are_listed()
    {
        var random = new Random(3);
        var reference = Reference(random, 100);
        var recent = new RecentBatches(100);
        var batch = new TestBatch("m", "v");
        for (var i = 0; i < 40; i++)
        {
            batch.Add(Now, 1, features: new() { ["amount"] = "12.5", ["country"] = "DE", ["new_feature"] = 1.0 });
        }

        recent.Add(batch.Build());
        var evaluator = new VersionDriftEvaluator();
        evaluator.Configure(reference, DriftSettings.Default);

        var report = evaluator.Evaluate("m", "v", Ring(reference, recent, 100), DateTimeOffset.FromUnixTimeMilliseconds(Now));

        Assert.Equal("type_mismatch", report.Features.Single(f => f.Name == "amount").Status);
        Assert.Equal(["new_feature"], report.UnknownFeatures);
        Assert.Equal(1.0, report.DataQuality.UnknownFeatureShare);
        Assert.Equal(1.0, report.DataQuality.Features.Single(q => q.Name == "amount").WrongTypeShare);
        Assert.All(report.Outputs, o => Assert.Equal("insufficient_data", o.Status));
    }

    [Fact]
    public void Settings_choose_the_verdict_test_and_overrides_that_no_longer_apply_are_noted()
    {
        var reference = Reference(new Random(5), 200);
        var evaluator = new VersionDriftEvaluator();
        evaluator.Configure(reference, DriftSettings.Default with
        {
            FeatureTests = new Dictionary<string, string> { ["amount"] = "ks", ["gone"] = "js" },
        });
        var recent = new RecentBatches(100);
        var batch = new TestBatch("m", "v");
        for (var i = 0; i < 60; i++)
        {
            batch.Add(Now, 1, features: new() { ["amount"] = i / 60.0, ["country"] = "FR" });
        }

        recent.Add(batch.Build());

        var report = evaluator.Evaluate("m", "v", Ring(reference, recent, 100), DateTimeOffset.FromUnixTimeMilliseconds(Now));

        Assert.Equal("kolmogorov_smirnov", report.Features[0].Verdict!.Test);
        Assert.False(report.Features[0].Verdict!.IsDefaultTest);
        Assert.Contains(report.Notes, n => n.StartsWith("feature_tests.gone", StringComparison.Ordinal));
    }

    [Fact]
    public void Numbers_in_a_categorical_feature_are_compared_as_their_text_and_absent_features_are_missing()
    {
        var reference = PreparedReference.Prepare(new ReferenceData
        {
            Features =
            [
                ReferenceColumn.Categorical("zip", [.. Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "10115" : "80331")], declared: true),
                ReferenceColumn.Numeric("amount", [.. Enumerable.Range(0, 40).Select(i => (double)i)]),
            ],
            Source = "json",
        });
        var recent = new RecentBatches(100);
        var batch = new TestBatch("m", "v");
        for (var i = 0; i < 40; i++)
        {
            batch.Add(Now, 1, features: new() { ["zip"] = i % 4 == 0 ? 20095.0 : 10115.0 });
        }

        recent.Add(batch.Build());
        var evaluator = new VersionDriftEvaluator();
        evaluator.Configure(reference, DriftSettings.Default);

        var report = evaluator.Evaluate("m", "v", Ring(reference, recent, 100), DateTimeOffset.FromUnixTimeMilliseconds(Now));

        var zip = report.Features[0];
        Assert.Equal("evaluated", zip.Status);
        Assert.Equal(0.25, zip.UnseenShare);
        Assert.Equal(0.25, report.DataQuality.Features[0].UnseenCategoryShare);
        // No record carries it: missing from the window, as monitor drift says of a CSV without the column.
        Assert.Equal("missing_from_current", report.Features[1].Status);
        Assert.Equal(1.0, report.DataQuality.MissingFeatureShare);
    }

    [Theory]
    [InlineData(17, 11)]
    [InlineData(1, 80)]
    public void The_ring_kept_by_ingest_holds_exactly_the_last_W_records_as_it_wraps(int batchSize, int batches)
    {
        var random = new Random(21);
        var reference = Reference(random, 300);
        var ring = new FeatureRing(reference.Schema, 50, outputs: true);
        var counter = new DataQualityCounter(reference.Schema);
        var window = new VersionWindow(new VersionWindowOptions());
        var all = new List<(double Amount, string Country, int Prediction)>();
        for (var b = 0; b < batches; b++)
        {
            var batch = new TestBatch("m", "v");
            for (var i = 0; i < batchSize; i++)
            {
                var record = (Normal(random) - 0.4, random.Next(3) == 0 ? "US" : "DE", random.Next(2));
                batch.Add(Now, 1, prediction: record.Item3, confidence: 0.5, features: new() { ["amount"] = record.Item1, ["country"] = record.Item2 });
                all.Add(record);
            }

            var built = batch.Build();
            window.Apply(built, Now);
            counter.Count(built, window.Buckets, Now, ring);
        }

        var evaluator = new VersionDriftEvaluator();
        evaluator.Configure(reference, DriftSettings.Default);
        var kept = evaluator.Evaluate("m", "v", ring, DateTimeOffset.FromUnixTimeMilliseconds(Now));
        var rebuilt = evaluator.Evaluate("m", "v", FeatureRing.Build(reference.Schema, 50, true, window.Recent), DateTimeOffset.FromUnixTimeMilliseconds(Now));

        var last = all.Skip(all.Count - 50).ToList();
        var expected = DriftEngine.Evaluate(reference.Features,
        [
            DriftColumn.Numeric("amount", last.Select(r => r.Amount).ToArray()),
            DriftColumn.Categorical("country", last.Select(r => (string?)r.Country).ToList()),
        ]);
        var expectedOutputs = DriftEngine.Evaluate(reference.Outputs!,
        [
            DriftColumn.Categorical("prediction", last.Select(r => (string?)r.Prediction.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()),
            DriftColumn.Numeric("confidence", Enumerable.Repeat(0.5, 50).ToArray()),
        ]);
        Assert.Equal(50, kept.WindowRecords);
        foreach (var report in new[] { kept, rebuilt })
        {
            for (var f = 0; f < 2; f++)
            {
                Assert.Equal(expected.Features[f].Tests.Select(t => (t.Statistic, t.PValue)), report.Features[f].Tests.Select(t => (t.Statistic, t.PValue)));
            }

            Assert.Equal(
                expectedOutputs.Features.Select(f => f.Tests.Select(t => (t.Statistic, t.PValue)).ToList()),
                report.Outputs.Select(o => o.Tests.Select(t => (t.Statistic, t.PValue)).ToList()));
            Assert.Equal(50, report.DataQuality.Records);
            Assert.Equal(0.0, report.DataQuality.Features.Single(q => q.Name == "country").UnseenCategoryShare);
        }
    }

    private static FeatureRing Ring(PreparedReference reference, RecentBatches recent, int capacity) =>
        FeatureRing.Build(reference.Schema, capacity, reference.Outputs is not null, recent);

    internal static PreparedReference Reference(Random random, int rows)
    {
        var amounts = new double[rows];
        var countries = new string?[rows];
        var predictions = new string?[rows];
        var confidences = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            amounts[i] = Normal(random);
            countries[i] = random.Next(3) switch { 0 => "DE", 1 => "FR", _ => "US" };
            predictions[i] = random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            confidences[i] = random.NextDouble();
        }

        return PreparedReference.Prepare(new ReferenceData
        {
            Features = [ReferenceColumn.Numeric("amount", amounts), ReferenceColumn.Categorical("country", countries)],
            Predictions = ReferenceColumn.Categorical("prediction", predictions),
            Confidences = confidences,
            Source = "json",
        });
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
