using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.History;
using Monitor.Grains.Reports;
using Monitor.Grains.Versions;
using Monitor.Silo;
using Monitor.Testing;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests.History;

/// <summary>
/// A version copies its finished hours into its monthly history on a timer, so a week-long review covers traffic
/// the 24-hour windows have let go; the hour under way is copied on deactivation.
/// </summary>
public sealed class VersionHistoryGrainTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:History:CopyInterval"] = "00:00:00.100",
        }).Build();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(_time);
            silo.AddMemoryGrainStorage(MonitorStorage.Name);
            silo.AddMonitorGrains(configuration);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    private Task Ingest(IModelVersionGrain grain, int records)
    {
        var batch = new TestBatch("hist", "v1");
        for (var i = 0; i < records; i++)
        {
            batch.Add(_time.GetUtcNow().ToUnixTimeMilliseconds(), 10 + i, ok: i != 0, error: i == 0 ? "Timeout" : null);
        }

        return grain.Ingest([batch.Build()]);
    }

    private Task<IReadOnlyList<TimeSeriesPoint>> Month(DateTimeOffset time)
    {
        var month = HistoryMonths.Start(time);
        return Grains.GetGrain<IVersionHistoryGrain>(VersionKey.Of("hist", "v1")).GetHours(month, month.AddMonths(1));
    }

    [Fact]
    public async Task Finished_hours_reach_the_history_month_by_month_and_a_week_long_report_counts_them_after_the_windows_let_them_go()
    {
        var grain = Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("hist", "v1"));
        await Ingest(grain, 10);
        _time.Advance(TimeSpan.FromHours(1));
        await Ingest(grain, 4);

        // 23:00 on 30 November ended: its hour is November's; the hour under way (00:00 on 1 December) is not copied yet.
        var november = await Eventually.ValueAsync("the hour of 23:00 in November's history", async () => await Month(Start) is { Count: 1 } h ? h : null);
        Assert.Equal(Start, november[0].Time);
        Assert.Equal(10, november[0].TotalRequests);
        Assert.Equal(1, november[0].ErrorCount);

        _time.Advance(TimeSpan.FromHours(1));
        var december = await Eventually.ValueAsync("the hour of 00:00 in December's history", async () => await Month(Start.AddHours(2)) is { Count: 1 } h ? h : null);
        Assert.Equal(Start.AddHours(1), december[0].Time);
        Assert.Equal(4, december[0].TotalRequests);

        // A day and more later the windows hold neither hour; the report reads them from the history.
        _time.Advance(TimeSpan.FromHours(30));
        await Ingest(grain, 6);
        var now = _time.GetUtcNow();
        var inputs = await new ReportSource(Grains).LoadAsync(
            "hist", "v1", ReportPeriod.Default, now, TimeSpan.FromHours(24), TimeSpan.FromHours(1), lastReview: null, historyReach: TimeSpan.FromDays(62));
        var report = ReviewReportBuilder.Build(inputs);

        Assert.Equal(7 * 24 * 60, report.CoveredMinutes);
        Assert.Equal(20, report.WhatChanged.Current.Requests);
        Assert.Equal(3, report.WhatChanged.Current.Errors);
        Assert.Equal(3600, report.Versions[0].StepSeconds);
        // The summary is the week's too, summed from the hours' buckets: 10 + 4 + 6 records, one error in each batch.
        var summary = report.Versions[0].Summary;
        Assert.Equal(20, summary.TotalRequests);
        Assert.Equal(3, summary.ErrorCount);
        Assert.Equal(3, summary.ErrorsByType["Timeout"]);
        Assert.Equal(((10 * 14.5) + (4 * 11.5) + (6 * 12.5)) / 20, summary.AvgLatencyMs!.Value, 9);
        Assert.Equal(19, summary.MaxLatencyMs);
        Assert.Contains(report.Notes, n => n.Contains("hourly history", StringComparison.Ordinal));

        // The week before holds no request: no comparison rather than one with a week of zeros the history may not have seen.
        Assert.Equal("none", report.WhatChanged.PreviousSource);
    }

    [Fact]
    public async Task The_hour_under_way_is_copied_when_the_version_deactivates()
    {
        var grain = Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("hist", "v1"));
        _time.Advance(TimeSpan.FromMinutes(30));
        await Ingest(grain, 3);

        await _cluster.DeactivateAsync(grain);
        await _cluster.WaitForDeactivationAsync(grain);

        var hours = await Month(Start);
        Assert.Equal(3, Assert.Single(hours).TotalRequests);
    }

    [Fact]
    public async Task Without_the_history_a_week_long_report_covers_the_windows_only()
    {
        var grain = Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("hist", "v1"));
        await Ingest(grain, 2);
        var inputs = await new ReportSource(Grains).LoadAsync(
            "hist", "v1", ReportPeriod.Default, _time.GetUtcNow(), TimeSpan.FromHours(24), TimeSpan.FromHours(1), lastReview: null);

        var report = ReviewReportBuilder.Build(inputs);

        Assert.Equal(24 * 60, report.CoveredMinutes);
        Assert.Contains(report.Notes, n => n.Contains("The windows keep 24 h", StringComparison.Ordinal));
    }
}
