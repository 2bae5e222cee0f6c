using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.History;
using Monitor.Grains.Windows;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace Monitor.Grains.Tests.History;

/// <summary>What an hour of the history costs in storage: its point and its packed bucket, as the state serializer writes them.</summary>
public sealed class HourBucketFootprintTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(60)]
    [InlineData(3_600)]
    [InlineData(36_000)]
    public void An_hour_of_traffic_is_a_few_kilobytes_whatever_its_records(int records)
    {
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(VersionHistoryState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        var window = new VersionWindow(new VersionWindowOptions());
        var random = new Random(7);
        var startMs = Hour.ToUnixTimeMilliseconds();
        var batch = new TestBatch("m", "v1");
        for (var i = 0; i < records; i++)
        {
            // Log-normal latencies around 20 ms, two classes, five countries, a feature null now and then.
            var latency = Math.Exp(3 + (0.6 * Normal(random)));
            batch.Add(
                startMs + (i * 3_600_000L / records),
                latency,
                confidence: random.NextDouble(),
                ok: i % 50 != 0,
                error: i % 50 == 0 ? "Timeout" : null,
                prediction: i % 7 == 0 ? "fraud" : "ok",
                features: new Dictionary<string, object?> { ["amount"] = random.NextDouble() * 100, ["country"] = $"C{i % 5}", ["age"] = i % 10 == 0 ? null : 30 + (i % 40) });
        }

        var nowMs = startMs + 3_600_000;
        window.Apply(batch.Build(), nowMs);
        var bucket = window.Aggregate(startMs, nowMs, nowMs);
        bucket.Compact();
        var point = window.TimeSeries("m", "v1", 60, 3600, nowMs).Points.Single(p => p.TotalRequests > 0);

        var bucketBytes = serializer.SerializeToArray(bucket).Length;
        var pointBytes = serializer.SerializeToArray(point).Length;
        output.WriteLine($"{records} records: bucket {bucketBytes} B, point {pointBytes} B");

        Assert.Equal(records, bucket.Count);
        Assert.InRange(bucketBytes + pointBytes, 1, 16_384);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
