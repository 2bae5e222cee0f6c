using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Tests.Outcomes;
using Monitor.Grains.Versions;
using Monitor.Silo;
using Monitor.Silo.Storage;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests.Checkpoints.Legacy;

/// <summary>
/// A SQLite store holding two versions with something in every concern: records in the windows, a
/// reference, drift settings, a drift history, a firing alert, joined and waiting labels, revenue, and a
/// reference capture under way. <c>TestData/legacy-store/monitor.db</c> was written by this class on the
/// build before versions were composed of parts (set MONITOR_LEGACY_STORE_OUT to a directory and run
/// <see cref="LegacyStoreTests"/> to write it again); <see cref="CheckAsync"/> is what must survive.
/// </summary>
public static class LegacyStore
{
    public const string Model = "legacy";
    public const string Scored = "v1";
    public const string Capturing = "v2";

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    // The clock when the store was left: the checks run at this time so the windows still hold the records.
    public static readonly DateTimeOffset WrittenAt = Start + TimeSpan.FromSeconds(40);

    public static readonly DriftSettings Settings = DriftSettings.Default with { Alpha = 0.01, MinimumSampleSize = 20 };

    /// <summary>The same store written by the build with version parts, before closed buckets were packed (<c>TestData/parts-store</c>).</summary>
    public static string PartsFile => Path.Combine(AppContext.BaseDirectory, "TestData", "parts-store", SqliteGrainStorageOptions.DefaultFileName);

    public static string CommittedFile => Path.Combine(AppContext.BaseDirectory, "TestData", "legacy-store", SqliteGrainStorageOptions.DefaultFileName);

    public static async Task<InProcessTestCluster> StartAsync(string directory, FakeTimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:Alerting:EvaluationInterval"] = "00:00:15",
            ["Monitor:Alerting:DefaultRules"] = "false",
            ["Monitor:Drift:EvaluationInterval"] = "00:00:10",
            // Only deactivation writes checkpoints, so the store holds exactly what the test left.
            ["Monitor:Windows:CheckpointInterval"] = "01:00:00",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.AddSqliteGrainStorage(MonitorStorage.Name, o => o.Directory = directory);
            silo.AddMonitorGrains(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Fills the store (the clock must stand at <see cref="Start"/>) and leaves every version checkpointed.</summary>
    public static async Task WriteAsync(InProcessTestCluster cluster, FakeTimeProvider time)
    {
        var grains = cluster.Client;
        var rule = new AlertRule
        {
            Name = "Errors_legacy",
            Model = Model,
            Metric = VersionMetricNames.ErrorRate,
            WindowMinutes = 60,
            Comparator = RuleComparator.Greater,
            Threshold = 0.1,
            MinSamples = 1,
            Annotations = LabelSet.From(new Dictionary<string, string> { ["summary"] = "errors" }),
        };
        Assert.Null((await grains.GetGrain<IAlertRulesGrain>(0).Put(rule, createOnly: false)).Problem);

        var scored = Version(grains, Scored);
        var random = new Random(14);
        Assert.True((await scored.SetReference(new ReferenceData { Features = [ReferenceColumn.Numeric("x", Normal(random, 200, 0))], Source = "json" })).Accepted);
        Assert.NotNull((await scored.SetDriftSettings(Settings)).Settings);
        var now = Start.ToUnixTimeMilliseconds();
        var batch = new TestBatch(Model, Scored);
        var shifted = Normal(random, 60, 2);
        for (var i = 0; i < 60; i++)
        {
            var ok = i < 30 || i % 3 != 0;
            batch.Add(now - 1000, 10 + i, confidence: 0.5 + (i % 5 / 10.0), ok: ok, error: ok ? null : "Timeout", prediction: i % 2, id: $"p{i}", features: new() { ["x"] = shifted[i] });
        }

        await scored.Ingest([batch.Build()]);
        var joins = await scored.JoinLabels(Labels.Of([.. Enumerable.Range(0, 30).Select(i => ($"p{i}", (object)(i % 4 == 0 ? 0 : 1))), ("waiting", 1)], now, Scored));
        Assert.Equal((30, 1), (joins.Joined, joins.Pending));
        Assert.Equal(1, (await scored.RecordEvents(Labels.Events([("p0", "revenue", 12.5)], now, Scored))).Matched);

        var capturing = Version(grains, Capturing);
        Assert.True((await capturing.CaptureReference(new CaptureRequest { Records = 50 })).Accepted);
        var capture = new TestBatch(Model, Capturing);
        foreach (var x in Normal(random, 20, 0))
        {
            capture.Add(now - 1000, 5, features: new() { ["x"] = x });
        }

        await capturing.Ingest([capture.Build()]);

        // The drift timer evaluates once (nothing changes after), the rule timer fires the alert.
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(50);
        }

        Assert.Equal(WrittenAt, time.GetUtcNow());
        await Until(async () => (await scored.GetRuleStates()).SingleOrDefault()?.State == "firing"
            && (await scored.GetDriftHistory(60)).Evaluations.Count == 1);
        foreach (var grain in new[] { scored, capturing })
        {
            await cluster.DeactivateAsync(grain);
            await cluster.WaitForDeactivationAsync(grain);
        }
    }

    /// <summary>The figures of both versions, read (at <see cref="WrittenAt"/>) from a store <see cref="WriteAsync"/> left.</summary>
    public static async Task CheckAsync(IGrainFactory grains)
    {
        var scored = Version(grains, Scored);
        var summary = await scored.GetSummary(60);
        Assert.Equal(60, summary.TotalRequests);
        Assert.Equal(10, summary.ErrorCount);
        Assert.Equal(10, summary.ErrorsByType["Timeout"]);
        Assert.Equal(10, summary.MinLatencyMs);
        Assert.Equal(69, summary.MaxLatencyMs);
        Assert.Equal(60, summary.DataQuality!.Records);
        var series = await scored.GetTimeSeries(5, 60);
        Assert.Equal(60, series.Points.Sum(p => p.TotalRequests));

        var outcomes = summary.Outcomes!;
        Assert.Equal(30, outcomes.Labels.Joined);
        Assert.Equal(1, outcomes.Labels.PendingNow);
        Assert.Equal(30, outcomes.Classification!.Count);
        Assert.Equal(12.5, outcomes.Business.RevenueTotal);
        Assert.Equal(60, outcomes.Index.Held);

        var reference = (await scored.GetReference())!;
        Assert.Equal(200, reference.Rows);
        Assert.Equal("json", reference.Source);
        Assert.Equal(Settings.Alpha, (await scored.GetDriftSettings()).Alpha);
        Assert.Equal(Settings.MinimumSampleSize, (await scored.GetDriftSettings()).MinimumSampleSize);
        var history = await scored.GetDriftHistory(60);
        Assert.True(Assert.Single(history.Evaluations).Drifted);
        var drift = (await scored.EvaluateDrift())!;
        Assert.True(drift.Dataset.Drifted);
        Assert.Equal(Settings.Alpha, drift.Dataset.Alpha);

        var rule = Assert.Single(await scored.GetRuleStates());
        Assert.Equal("firing", rule.State);
        Assert.Equal("Errors_legacy", rule.Rule);

        var capturing = (await Version(grains, Capturing).GetReference())!;
        Assert.Equal("capturing", capturing.Status);
        Assert.Equal(20, capturing.Capture!.Captured);
        Assert.Equal(50, capturing.Capture.Target);
        Assert.Equal(20, (await Version(grains, Capturing).GetSummary(60)).TotalRequests);
    }

    private static IModelVersionGrain Version(IGrainFactory grains, string version) => grains.GetGrain<IModelVersionGrain>(VersionKey.Of(Model, version));

    private static double[] Normal(Random random, int n, double shift) =>
        [.. Enumerable.Range(0, n).Select(_ => shift + (Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the store's versions did not reach their state within 30 s");
            }

            await Task.Delay(20);
        }
    }
}
