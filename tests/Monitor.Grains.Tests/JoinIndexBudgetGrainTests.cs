using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Outcomes.Budget;
using Monitor.Grains.Tests.Outcomes;
using Monitor.Grains.Versions;
using Monitor.Silo;
using Monitor.Testing;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests;

/// <summary>
/// The silo's memory budget for join indexes, through real version grains: a budget of 100 held ids over
/// three versions; the oldest ids across versions leave first, each in its own version's turn, counted by
/// the budget and then taken as late labels.
/// </summary>
public sealed class JoinIndexBudgetGrainTests : IAsyncLifetime
{
    private const int BudgetIds = 100;
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:Outcomes:JoinIndexBudgetBytes"] = (BudgetIds * JoinIndexBudget.BytesPerHeldId).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
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

    [Fact]
    public async Task Over_the_budget_the_oldest_ids_across_versions_leave_first_and_are_counted()
    {
        var now = Start.ToUnixTimeMilliseconds();

        // 40 ids each, one a second: "a" from 10 minutes ago, "b" from 5 s after it (overlapping), "c" recent.
        // 120 held against 100: about 25 must leave, all from a and b, the oldest first.
        await Predict("a", now - 600_000);
        await Predict("b", now - 595_000);
        await Predict("c", now - 60_000);

        // Each version trims on its own timer turn: move the clock until a and b have let go of theirs.
        var trimmed = Eventually.TrueAsync("both versions trimmed by the budget", async () => (await Index("a")).EvictedByBudget > 0 && (await Index("b")).EvictedByBudget > 0);
        await _time.AdvanceUntilAsync(trimmed, TimeSpan.FromSeconds(5));

        var (a, b, c) = (await Index("a"), await Index("b"), await Index("c"));
        Assert.Equal(0, c.EvictedByBudget);
        Assert.InRange(a.EvictedByBudget + b.EvictedByBudget, 20, 35);
        Assert.True(a.EvictedByBudget > b.EvictedByBudget);
        Assert.Equal(40, a.Held + a.EvictedByBudget);
        Assert.Equal(40, b.Held + b.EvictedByBudget);
        Assert.Equal(0, a.EvictedByCap + a.EvictedByHorizon + b.EvictedByCap + b.EvictedByHorizon);
        Assert.InRange(a.Held + b.Held + c.Held, BudgetIds * 0.9, BudgetIds);

        // Oldest first across versions: an id that left is older than the ids kept, to within the two seconds
        // (two ids here) by which the cutoff can move between the versions' turns (docs/outcomes.md).
        var leftA = (int)a.EvictedByBudget;
        var leftB = (int)b.EvictedByBudget;
        const long Slack = 2000;
        Assert.True(now - 600_000 + ((leftA - 1) * 1000L) < now - 595_000 + (leftB * 1000L) + Slack);
        Assert.True(now - 595_000 + ((leftB - 1) * 1000L) < now - 600_000 + (leftA * 1000L) + Slack);

        // Labels for ids that left count as late; the kept ones join.
        var version = Version("a");
        var joins = await version.JoinLabels(Labels.Of([("a-0", 1), ($"a-{leftA - 1}", 1), ($"a-{leftA}", 1), ("a-39", 1)], Now(), "a"));
        Assert.Equal(2, joins.Late);
        Assert.Equal(2, joins.Joined);
        Assert.Equal(1, (await Version("b").JoinLabels(Labels.Of([("b-0", 1)], Now(), "b"))).Late);
        Assert.Equal(1, (await Version("c").JoinLabels(Labels.Of([("c-0", 1)], Now(), "c"))).Joined);

        var summary = (await version.GetSummary(60)).Outcomes!;
        Assert.Equal(2, summary.Labels.Late);
        Assert.Equal(leftA, summary.Index.EvictedByBudget);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task Predict(string version, long fromMs)
    {
        var batch = new TestBatch("budget", version);
        for (var i = 0; i < 40; i++)
        {
            batch.Add(fromMs + (i * 1000L), 10, confidence: 0.9, prediction: 1, id: $"{version}-{i}");
        }

        await Version(version).Ingest([batch.Build()]);
    }

    private async Task<Monitor.Grains.Outcomes.JoinIndexSummary> Index(string version)
    {
        // The summary's outcome section needs an outcome: read the index through a label for an id nobody sent.
        var grain = Version(version);
        return (await grain.GetSummary(60)).Outcomes?.Index ?? await Probe(grain, version);
    }

    private async Task<Monitor.Grains.Outcomes.JoinIndexSummary> Probe(IModelVersionGrain grain, string version)
    {
        await grain.JoinLabels(Labels.Of([("never-predicted", 1)], Now(), version));
        return (await grain.GetSummary(60)).Outcomes!.Index;
    }

    private IModelVersionGrain Version(string version) => _cluster.Client.GetGrain<IModelVersionGrain>(VersionKey.Of("budget", version));
}
