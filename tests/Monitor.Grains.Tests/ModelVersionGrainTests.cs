using Monitor.Grains.Models;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ModelVersionGrainTests(ClusterFixture fixture)
{
    private long Now => fixture.Time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task Summary_counts_every_applied_record_with_exact_percentiles()
    {
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", "summary"));
        var batch = new TestBatch("fraud", "summary");
        double[] latencies = [12, 15, 9, 40, 22, 18, 11, 30, 25, 14];
        for (var i = 0; i < latencies.Length; i++)
        {
            batch.Add(Now - 1000, latencies[i], confidence: 0.9, ok: i != 3, error: i == 3 ? "Timeout" : null, prediction: i % 2);
        }

        await grain.Ingest([batch.Build()]);
        var summary = await grain.GetSummary(60);

        Assert.Equal(10, summary.TotalRequests);
        Assert.Equal(90.0, summary.SuccessRate);
        Assert.Equal("exact", summary.Percentiles.Method);
        Assert.Equal(16.5, summary.P50LatencyMs);
        Assert.Equal(19.6, summary.AvgLatencyMs!.Value, 9);
        Assert.Equal(40, summary.MaxLatencyMs);
        Assert.Equal(1, summary.ErrorsByType["Timeout"]);
        Assert.Equal("classification", summary.Predictions.Kind);
        Assert.Equal(5, summary.Predictions.Classes!["0"]);
        Assert.Equal(0.9, summary.Confidence.Mean!.Value, 12);
    }

    [Fact]
    public async Task Records_outside_the_period_are_not_counted()
    {
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", "period"));
        await grain.Ingest([new TestBatch("fraud", "period")
            .Add(Now - TimeSpan.FromMinutes(90).Ticks / TimeSpan.TicksPerMillisecond, 100)
            .Add(Now - 5_000, 10)
            .Build()]);

        Assert.Equal(1, (await grain.GetSummary(60)).TotalRequests);
        Assert.Equal(2, (await grain.GetSummary(120)).TotalRequests);
    }

    [Fact]
    public async Task Time_series_places_records_in_their_step()
    {
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", "series"));
        var batch = new TestBatch("fraud", "series");
        batch.Add(Now - 150_000, 10).Add(Now - 150_000, 20).Add(Now - 30_000, 30);
        await grain.Ingest([batch.Build()]);

        var series = await grain.GetTimeSeries(5, 60);

        Assert.Equal(60, series.StepSeconds);
        Assert.Equal(3, series.Points.Sum(p => p.TotalRequests));
        var busiest = series.Points.MaxBy(p => p.TotalRequests)!;
        Assert.Equal(2, busiest.TotalRequests);
        Assert.True(busiest.Time.ToUnixTimeMilliseconds() <= Now - 150_000);
    }

    [Fact]
    public async Task An_hour_is_charted_at_minute_steps_from_the_fine_buckets()
    {
        // The dashboard's 1-hour view: the period's start, floored to a fine bucket, lies just past the fine span.
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", "hour"));
        await grain.Ingest([new TestBatch("fraud", "hour").Add(Now - 3_590_000, 10).Add(Now - 1_000, 20).Build()]);

        var series = await grain.GetTimeSeries(60, 60);

        Assert.Equal(60, series.StepSeconds);
        Assert.InRange(series.Points.Count, 60, 62);
        Assert.Equal(2, series.Points.Sum(p => p.TotalRequests));
    }

    [Fact]
    public async Task Records_view_filters_by_id_and_time()
    {
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("fraud", "records"));
        await grain.Ingest([new TestBatch("fraud", "records")
            .Add(Now - 3000, 1, id: "a")
            .Add(Now - 2000, 2, id: "b")
            .Add(Now - 1000, 3, id: "c")
            .Build()]);

        var byId = await grain.GetRecords(new RecordQuery { Id = "b" });
        Assert.Equal([1], byId.Single().Indices);

        var since = await grain.GetRecords(new RecordQuery { From = DateTimeOffset.FromUnixTimeMilliseconds(Now - 2500) });
        Assert.Equal([1, 2], since.Single().Indices);
    }

    [Fact]
    public async Task State_survives_deactivation()
    {
        var key = VersionKey.Of("fraud", "durable");
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(key);
        await grain.Ingest([new TestBatch("fraud", "durable").Add(Now - 1000, 5).Add(Now - 1000, 7).Build()]);

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        Assert.Equal(2, (await grain.GetSummary(60)).TotalRequests);
    }

    [Fact]
    public async Task Registry_refuses_versions_past_the_cap_and_tells_the_model()
    {
        var registry = fixture.Grains.GetGrain<IModelRegistryGrain>(0);
        var outcomes = new List<VersionRegistration>();
        for (var i = 0; i < 7; i++)
        {
            outcomes.Add(await registry.Register("capped", $"v{i}"));
        }

        Assert.Equal(VersionRegistration.AlreadyKnown, await registry.Register("capped", "v0"));
        Assert.Contains(VersionRegistration.CapReached, outcomes);
        Assert.True(outcomes.Count(o => o == VersionRegistration.Registered) <= 5);
        var versions = await fixture.Grains.GetGrain<IModelGrain>("capped").GetVersions();
        Assert.Equal(outcomes.Count(o => o == VersionRegistration.Registered), versions.Count);
    }
}
