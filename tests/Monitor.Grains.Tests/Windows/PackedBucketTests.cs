using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.Drift;
using Monitor.Grains.Windows;
using Monitor.Statistics.Drift;
using Orleans.Serialization;

namespace Monitor.Grains.Tests.Windows;

/// <summary>
/// A closed bucket is packed (<see cref="MetricBucket.Compact"/>): its confidence histogram, data-quality counters,
/// error counts, prediction labels and estimate cells take their small forms. Every figure read from it must stay
/// the same to the bit, also after the checkpoint serializer and after late records unpack it.
/// </summary>
public sealed class PackedBucketTests
{
    private static readonly long Start = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(MetricBucket).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 1500)]
    [InlineData(3, 1)]
    public void A_packed_bucket_reads_the_same_figures_as_the_unpacked_one(int seed, int records)
    {
        var bucket = Filled(seed, records);
        var unpacked = new MetricBucket(Start);
        unpacked.Merge(bucket);

        bucket.Compact();

        Assert.True(bucket.Confidence.IsPacked);
        Assert.True(bucket.Quality!.IsPacked);
        Assert.True(bucket.Estimates!.IsPacked);
        Assert.Equal(Figures(unpacked), Figures(bucket));
        Assert.Equal(Figures(unpacked), Figures(Serializer.Deserialize<MetricBucket>(Serializer.SerializeToArray(bucket))!));
        var merged = new MetricBucket(Start);
        merged.Merge(bucket);
        Assert.Equal(Figures(unpacked), Figures(merged));
    }

    [Fact]
    public void Late_records_unpack_a_packed_bucket_and_count_as_in_one_never_packed()
    {
        var bucket = Filled(4, 200);
        var never = new MetricBucket(Start);
        never.Merge(bucket);
        bucket.Compact();

        Fill(bucket, new Random(5), 30);
        Fill(never, new Random(5), 30);

        Assert.False(bucket.Confidence.IsPacked);
        Assert.False(bucket.Quality!.IsPacked);
        Assert.Equal(Figures(never), Figures(bucket));
        bucket.Compact();
        Assert.Equal(Figures(never), Figures(bucket));
    }

    [Fact]
    public void Estimate_cells_of_one_confidence_keep_their_sum_of_squares_without_storing_it()
    {
        var one = new MetricBucket(Start);
        one.EstimatesOrNew().Add("1", 0.7123);
        var two = new MetricBucket(Start);
        two.EstimatesOrNew().Add("1", 0.7123);
        two.EstimatesOrNew().Add("1", 0.7124);
        var bytesOne = Serializer.SerializeToArray(Packed(one)).Length;
        var bytesTwo = Serializer.SerializeToArray(Packed(two)).Length;

        Assert.Equal(8, bytesTwo - bytesOne);
        var cell = one.Estimates!.Classes["1"].Values.Single();
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.7123 * 0.7123), BitConverter.DoubleToInt64Bits(cell.SumOfSquares));
    }

    private static MetricBucket Packed(MetricBucket bucket)
    {
        bucket.Compact();
        return bucket;
    }

    private static MetricBucket Filled(int seed, int records)
    {
        var bucket = new MetricBucket(Start);
        Fill(bucket, new Random(seed), records);
        return bucket;
    }

    private static void Fill(MetricBucket bucket, Random random, int records)
    {
        string[] errors = ["Timeout", "ModelError"];
        string[] countries = ["DE", "FR", "IT"];
        var batch = new TestBatch("m", "v");
        for (var i = 0; i < records; i++)
        {
            var ok = random.NextDouble() > 0.05;
            var confidence = random.NextDouble() < 0.1 ? double.NaN : 0.5 + (random.NextDouble() / 2);
            var label = random.Next(3).ToString(CultureInfo.InvariantCulture);
            bucket.Add(random.NextDouble() * 100, ok, ok ? null : errors[random.Next(errors.Length)], confidence);
            if (ok)
            {
                bucket.Predictions.AddLabel(label);
                if (!double.IsNaN(confidence))
                {
                    bucket.EstimatesOrNew().Add(label, confidence);
                }
            }

            batch.Add(Start, 1, features: new() { ["amount"] = random.Next(-2, 14) * 1.0, ["country"] = random.Next(5) == 0 ? null : countries[random.Next(countries.Length)] });
        }

        var built = batch.Build();
        new DataQualityCounter(Schema()).CountRange(built, 0, built.Count, bucket.QualityCounts);
    }

    private static QualitySchema Schema() => QualitySchema.Of(DriftReference.Prepare(
    [
        DriftColumn.Numeric("amount", new double[] { 0, 10, 5 }),
        DriftColumn.Categorical("country", ["DE", "FR"]),
    ]));

    // Every figure a query reads from a bucket, doubles by their bits.
    private static string Figures(MetricBucket bucket)
    {
        var text = new StringBuilder();
        void Line(string name, params object[] values) => text.Append(name).Append(": ").AppendJoin(' ', values.Select(Format)).Append('\n');

        Line("counts", bucket.Count, bucket.Errors, bucket.LabeledPredictions);
        Line("errors", [.. bucket.ErrorsByType.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (object)$"{e.Key}={e.Value}")]);
        var latency = bucket.Latency;
        Line("latency", latency.Count, latency.Sum, latency.SumOfSquares, latency.Min, latency.Max, latency.SquaredDeviations, latency.Quantile(0.5), latency.Quantile(0.99));
        var confidence = bucket.Confidence;
        Line("confidence", confidence.Count, confidence.Sum, confidence.SumOfSquares, confidence.CountBelow(0.7));
        Line("confidence bins", [.. confidence.Bins.ToArray().Cast<object>()]);
        Line("labels", [.. bucket.Predictions.LabelCounts.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (object)$"{e.Key}={e.Value}")]);
        Line("numbers", bucket.Predictions.Numbers.Count);
        var quality = bucket.Quality!;
        Line("quality", quality.Records, quality.RecordsChecked, quality.UnknownFeatureRecords, quality.MissingFeatureRecords, quality.ViolationRecords, quality.NonFiniteRefused);
        for (var j = 0; j < quality.Features.Count; j++)
        {
            Line(quality.Features[j], [quality.CheckOf(j), .. Enumerable.Range(0, DataQualityCounts.Stride).Select(s => (object)quality.Count(j, s))]);
        }

        foreach (var (name, cells) in bucket.Estimates!.Classes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Line($"cells {name}", [.. cells.OrderBy(c => c.Key).Select(c => (object)$"{c.Key}:{c.Value.Count}:{Format(c.Value.Sum)}:{Format(c.Value.SumOfSquares)}")]);
        }

        return text.ToString();
    }

    private static string Format(object value) => value is double d
        ? BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture)
        : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
