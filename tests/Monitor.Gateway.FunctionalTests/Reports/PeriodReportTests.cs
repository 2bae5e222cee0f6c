using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Cli;
using Monitor.Gateway.FunctionalTests.Alerting;
using Monitor.Grains.History;
using Monitor.Grains.Versions;
using Monitor.Testing;

namespace Monitor.Gateway.FunctionalTests.Reports;

/// <summary>
/// A week-long report on a fake clock, days advanced: each version's summary, the A/B comparison and the segments'
/// traffic are the sums over the week, not the windows' last 24 hours, through HTTP and <c>monitor report</c> alike.
/// </summary>
public sealed class PeriodReportTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Records on days 0, 2 and 4: (records, errors) per day and version; latencies 10, 11, ... within a day.</summary>
    private static readonly (int Day, int V1, int V1Errors, int V2, int V2Errors)[] Days = [(0, 10, 2, 8, 0), (2, 20, 1, 12, 3), (4, 30, 3, 6, 0)];

    private static object Record(string version, int i, DateTimeOffset time, bool error, string country) => new Dictionary<string, object?>
    {
        ["model"] = "weekly-sums",
        ["version"] = version,
        ["timestamp"] = time.ToString("O"),
        ["features"] = new Dictionary<string, object?> { ["amount"] = 12.5, ["country"] = country, ["age"] = null },
        ["prediction"] = i % 3 == 0 ? "fraud" : "ok",
        ["confidence"] = 0.9,
        ["latency_ms"] = 10 + i,
        ["status"] = error ? "error" : "success",
        ["error"] = error ? "Timeout" : null,
    };

    private static async Task Day(AlertingHost host, IGrainFactory grains, int day, int v1, int v1Errors, int v2, int v2Errors)
    {
        host.Time.Advance(Monday.AddDays(day) - host.Time.GetUtcNow());
        var now = host.Time.GetUtcNow();
        var records = Enumerable.Range(0, v1).Select(i => Record("v1", i, now, i < v1Errors, i % 2 == 0 ? "DE" : "FR"))
            .Concat(Enumerable.Range(0, v2).Select(i => Record("v2", i, now, i < v2Errors, "DE")))
            .ToArray();
        await host.Send(HttpMethod.Post, "/v1/predictions", records, expect: 202);

        // The report asks the versions for their segments' buckets, which the segments keep an hour.
        await host.Send(HttpMethod.Get, "/v1/models/weekly-sums/report?period=7d&format=json");

        // The hour ends and each version copies it into its history.
        host.Time.Advance(TimeSpan.FromMinutes(70));
        foreach (var version in new[] { "v1", "v2" })
        {
            var history = grains.GetGrain<IVersionHistoryGrain>(VersionKey.Of("weekly-sums", version));
            await Eventually.ValueAsync($"{version}'s hour of day {day} in its history", async () =>
                (await history.GetHours(now, now.AddHours(1))).Count == 1 ? (object)true : null);
        }
    }

    [Fact]
    public async Task A_week_long_report_sums_the_summaries_the_comparison_and_the_segments_over_the_week()
    {
        await using var host = new AlertingHost(start: Monday.AddHours(-1));
        var grains = host.Factory.Services.GetRequiredService<IGrainFactory>();
        await host.Send(HttpMethod.Post, "/v1/predictions", new[] { Record("v1", 0, host.Time.GetUtcNow(), false, "DE"), Record("v2", 0, host.Time.GetUtcNow(), false, "DE") }, expect: 202);
        await host.Send(HttpMethod.Put, "/v1/models/weekly-sums/versions/v1/segments", new { keys = new[] { "country" } });
        await host.Send(HttpMethod.Put, "/v1/models/weekly-sums/champion", new { version = "v1" });
        foreach (var (day, v1, v1Errors, v2, v2Errors) in Days)
        {
            await Day(host, grains, day, v1, v1Errors, v2, v2Errors);
        }

        // Day 6: the windows' 24 hours hold none of it.
        host.Time.Advance(Monday.AddDays(6) - host.Time.GetUtcNow());
        var report = await host.Get("/v1/models/weekly-sums/report?period=7d&format=json");

        // By hand: v1 1 + 10 + 20 + 30 = 61 records, 6 errors; v2 1 + 8 + 12 + 6 = 27 records, 3 errors.
        var v1Summary = Version(report, "v1").GetProperty("summary");
        var v2Summary = Version(report, "v2").GetProperty("summary");
        Assert.Equal(61, v1Summary.GetProperty("total_requests").GetInt64());
        Assert.Equal(6, v1Summary.GetProperty("error_count").GetInt64());
        Assert.Equal(27, v2Summary.GetProperty("total_requests").GetInt64());
        Assert.Equal(3, v2Summary.GetProperty("error_count").GetInt64());
        Assert.Equal(100.0 * 55 / 61, v1Summary.GetProperty("success_rate").GetDouble(), 9);

        // Latencies 10 + i of each day: the mean, minimum and maximum are exact; v1's sum is 10 + Σ(10..19) + Σ(10..29) + Σ(10..39).
        Assert.Equal((10.0 + 145 + 390 + 735) / 61, v1Summary.GetProperty("avg_latency_ms").GetDouble(), 9);
        Assert.Equal(10, v1Summary.GetProperty("min_latency_ms").GetDouble());
        Assert.Equal(39, v1Summary.GetProperty("max_latency_ms").GetDouble());
        Assert.Equal("sketch", v1Summary.GetProperty("percentiles").GetProperty("method").GetString());

        // Classes: "fraud" for i divisible by 3 among the day's records; the first record predicted "fraud" (i = 0).
        var classes = v1Summary.GetProperty("predictions").GetProperty("classes");
        Assert.Equal(1 + 4 + 7 + 10, classes.GetProperty("fraud").GetInt64());
        Assert.Equal(6 + 13 + 20, classes.GetProperty("ok").GetInt64());
        Assert.Equal(61, v1Summary.GetProperty("data_quality").GetProperty("records").GetInt64());
        Assert.Equal(61, v1Summary.GetProperty("confidence").GetProperty("count").GetInt64());

        // The A/B comparison is of the week too: v2 against the champion v1 on 27 and 61 predictions.
        var comparison = report.GetProperty("comparison");
        Assert.Equal(7 * 24 * 60, comparison.GetProperty("minutes").GetInt32());
        var pair = Assert.Single(comparison.GetProperty("comparisons").EnumerateArray());
        Assert.Equal("v2", pair.GetProperty("b").GetString());
        Assert.Equal(61, pair.GetProperty("traffic").GetProperty("predictions_a").GetInt64());
        Assert.Equal(27, pair.GetProperty("traffic").GetProperty("predictions_b").GetInt64());

        // Segments (declared after the first record): v1's traffic per country over the week (even i: DE), hour by hour.
        var segments = Version(report, "v1").GetProperty("segment_period").EnumerateArray().ToDictionary(s => s.GetProperty("value").GetString()!);
        Assert.Equal(5 + 10 + 15, segments["DE"].GetProperty("requests").GetInt64());
        Assert.Equal(1 + 1 + 2, segments["DE"].GetProperty("errors").GetInt64());
        Assert.Equal(5 + 10 + 15, segments["FR"].GetProperty("requests").GetInt64());
        Assert.Equal(1 + 0 + 1, segments["FR"].GetProperty("errors").GetInt64());
        Assert.Equal(3, segments["FR"].GetProperty("hours").GetArrayLength());
        Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString() == Monitor.Grains.Reports.ReviewReportBuilder.SegmentPeriodNote(TimeSpan.FromDays(7)));

        // monitor report answers the same figures.
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new System.CommandLine.RootCommand { ReportCommand.Create(() => host.Factory.CreateClient()) };
        var exit = await root.Parse(["report", "--url", "http://localhost", "--model", "weekly-sums", "--period", "7d", "--format", "json"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        Assert.True(exit == 0, error.ToString());
        using var cli = JsonDocument.Parse(output.ToString());
        Assert.Equal(61, Version(cli.RootElement, "v1").GetProperty("summary").GetProperty("total_requests").GetInt64());
        Assert.Equal(30, Version(cli.RootElement, "v1").GetProperty("segment_period").EnumerateArray().Single(s => s.GetProperty("value").GetString() == "FR").GetProperty("requests").GetInt64());
    }

    private static JsonElement Version(JsonElement report, string version) =>
        report.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetString() == version);
}
