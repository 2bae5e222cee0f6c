using System.Text.Json;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Tests.Windows;

public sealed class VersionWindowTests
{
    private static readonly long Now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static TheoryData<int> QuantileCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < StatVectors.Section("quantiles_linear").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(QuantileCases))]
    public void Summary_percentiles_match_numpy_linear_quantiles(int index)
    {
        var vector = StatVectors.Section("quantiles_linear")[index];
        var values = vector.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var window = new VersionWindow(new VersionWindowOptions());
        var batch = new TestBatch("m", "v");
        foreach (var v in values)
        {
            batch.Add(Now - 1000, v);
        }

        window.Apply(batch.Build(), Now);
        var summary = window.Summarize("m", "v", 60, Now);

        Assert.Equal("exact", summary.Percentiles.Method);
        Assert.Equal(values.Length, summary.TotalRequests);
        var qs = vector.GetProperty("q").EnumerateArray().Select(q => q.GetDouble()).ToArray();
        var expected = vector.GetProperty("linear").EnumerateArray().Select(q => q.GetDouble()).ToArray();
        for (var k = 0; k < qs.Length; k++)
        {
            double? actual = qs[k] switch { 0.5 => summary.P50LatencyMs, 0.95 => summary.P95LatencyMs, 0.99 => summary.P99LatencyMs, _ => null };
            if (actual is not null)
            {
                Assert.Equal(expected[k], actual.Value, 1e-9 * Math.Abs(expected[k]));
            }
        }

        Assert.Equal(vector.GetProperty("mean").GetDouble(), summary.AvgLatencyMs!.Value, 1e-9 * vector.GetProperty("mean").GetDouble());
        Assert.Equal(vector.GetProperty("max").GetDouble(), summary.MaxLatencyMs);
    }

    [Fact]
    public void Summary_falls_back_to_the_sketch_and_says_so_when_samples_were_dropped()
    {
        var window = new VersionWindow(new VersionWindowOptions { ExactLatencySamples = 100 });
        var batch = new TestBatch("m", "v");
        for (var i = 0; i < 1000; i++)
        {
            batch.Add(Now - 1000, 1 + i);
        }

        window.Apply(batch.Build(), Now);
        var summary = window.Summarize("m", "v", 60, Now);

        Assert.Equal("sketch", summary.Percentiles.Method);
        Assert.True(summary.Percentiles.RelativeError <= 0.01);
        Assert.Equal(1000, summary.TotalRequests);
        Assert.InRange(summary.P50LatencyMs!.Value, 500.5 * 0.99, 500.5 * 1.01);
    }

    [Fact]
    public void Feature_window_keeps_the_last_records_only()
    {
        var window = new VersionWindow(new VersionWindowOptions { FeatureWindow = 10, RecentRecords = 10 });
        for (var b = 0; b < 20; b++)
        {
            window.Apply(new TestBatch("m", "v").Add(Now, 1).Add(Now, 2).Add(Now, 3).Build(), Now);
        }

        Assert.InRange(window.Recent.Records, 10, 12);
        var visited = 0;
        window.Recent.VisitNewest(10, (_, _) => visited++);
        Assert.Equal(10, visited);
    }

    [Fact]
    public void Fractional_predictions_make_a_regression_model()
    {
        var window = new VersionWindow(new VersionWindowOptions());
        window.Apply(new TestBatch("m", "v").Add(Now, 1, prediction: 3.0).Add(Now, 1, prediction: 2.5).Add(Now, 1, prediction: 4.5).Build(), Now);
        var predictions = window.Summarize("m", "v", 5, Now).Predictions;
        Assert.Equal("regression", predictions.Kind);
        Assert.Equal(10.0 / 3, predictions.Mean!.Value, 9);
    }

    [Fact]
    public void Error_types_past_the_cap_count_as_other()
    {
        var window = new VersionWindow(new VersionWindowOptions { MaxDistinctValues = 2 });
        window.Apply(new TestBatch("m", "v").Add(Now, 1, ok: false, error: "A").Add(Now, 1, ok: false, error: "B").Add(Now, 1, ok: false, error: "C").Build(), Now);
        var errors = window.Summarize("m", "v", 5, Now).ErrorsByType;
        Assert.Equal(1, errors[BoundedVocabulary.Other]);
        Assert.Equal(3, errors.Values.Sum());
    }
}
