using Monitor.Grains.Rebalancing;

namespace Monitor.Grains.Tests.Rebalancing;

public sealed class RebalancePlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, DateTimeOffset> NeverMoved = [];

    [Fact]
    public void A_silo_that_joined_takes_a_share_of_the_load_of_the_busy_ones()
    {
        var options = new RebalancingOptions { MaxMovesPerRound = 100 };
        SiloLoadSample[] silos = [Silo("a", Versions("a", 30, 10)), Silo("b", Versions("b", 30, 10)), Silo("c")];

        var moves = RebalancePlanner.Plan(silos, NeverMoved, Now, options);

        var after = Apply(silos, moves);
        Assert.All(after.Values, load => Assert.InRange(load, 180, 220));
        Assert.All(moves, m => Assert.Equal("c", m.To));
        Assert.Equal(18, moves.Count);
    }

    [Fact]
    public void A_few_hot_versions_spread_out_rather_than_many_cold_ones_moving()
    {
        var options = new RebalancingOptions { MaxMovesPerRound = 100 };
        var a = new List<VersionLoad> { new("hot-1", 500), new("hot-2", 500), new("hot-3", 500) };
        a.AddRange(Versions("cold", 30, 1));
        SiloLoadSample[] silos = [Silo("a", [.. a]), Silo("b"), Silo("c")];

        var moves = RebalancePlanner.Plan(silos, NeverMoved, Now, options);

        Assert.Equal(2, moves.Count);
        Assert.All(moves, m => Assert.StartsWith("hot-", m.Version));
        Assert.Equal(["b", "c"], moves.Select(m => m.To).Order());
    }

    [Fact]
    public void Moves_per_round_are_limited()
    {
        var options = new RebalancingOptions { MaxMovesPerRound = 3 };
        SiloLoadSample[] silos = [Silo("a", Versions("a", 60, 10)), Silo("b")];

        Assert.Equal(3, RebalancePlanner.Plan(silos, NeverMoved, Now, options).Count);
    }

    [Fact]
    public void Nothing_moves_inside_the_tolerance_band_or_on_an_idle_cluster()
    {
        var options = new RebalancingOptions { Tolerance = 0.2, MinClusterRecordsPerSecond = 50 };
        SiloLoadSample[] near = [Silo("a", Versions("a", 11, 10)), Silo("b", Versions("b", 10, 10))];
        SiloLoadSample[] idle = [Silo("a", Versions("a", 40, 1)), Silo("b")];

        Assert.Empty(RebalancePlanner.Plan(near, NeverMoved, Now, options));
        Assert.Empty(RebalancePlanner.Plan(idle, NeverMoved, Now, options));
    }

    [Fact]
    public void A_version_larger_than_the_gap_stays_so_the_busiest_silo_never_swaps()
    {
        // Moving the one hot version would only make the other silo the busy one, and back on the next round.
        SiloLoadSample[] silos = [Silo("a", [new("hot", 900)]), Silo("b", [new("warm", 100)])];

        Assert.Empty(RebalancePlanner.Plan(silos, NeverMoved, Now, new RebalancingOptions()));
    }

    [Fact]
    public void Replanning_the_outcome_of_a_round_moves_nothing_more_and_nothing_back()
    {
        var options = new RebalancingOptions { MaxMovesPerRound = 100 };
        var random = new Random(4);
        SiloLoadSample[] silos =
        [
            Silo("a", [.. Enumerable.Range(0, 40).Select(i => new VersionLoad($"a{i}", 1 + (random.NextDouble() * 40)))]),
            Silo("b", [.. Enumerable.Range(0, 10).Select(i => new VersionLoad($"b{i}", 1 + (random.NextDouble() * 40)))]),
            Silo("c"),
        ];
        var first = RebalancePlanner.Plan(silos, NeverMoved, Now, options);
        var moved = Move(silos, first);

        var second = RebalancePlanner.Plan(moved, NeverMoved, Now, options);

        Assert.NotEmpty(first);
        Assert.Empty(second);
    }

    [Fact]
    public void A_version_in_its_cooldown_stays_and_a_full_or_warming_target_takes_nothing()
    {
        SiloLoadSample[] silos = [Silo("a", [new("x", 100), new("y", 100)]), Silo("b")];
        var justMoved = new Dictionary<string, DateTimeOffset> { ["x"] = Now.AddSeconds(-10), ["y"] = Now.AddSeconds(-10) };
        SiloLoadSample[] full = [Silo("a", [new("x", 100), new("y", 100)]), Silo("b", memoryBytes: 2_000)];

        Assert.Empty(RebalancePlanner.Plan(silos, justMoved, Now, new RebalancingOptions()));
        Assert.Single(RebalancePlanner.Plan(silos, justMoved, Now.AddMinutes(5), new RebalancingOptions()));
        Assert.Empty(RebalancePlanner.Plan(full, NeverMoved, Now, new RebalancingOptions { MaxTargetMemoryBytes = 1_000 }));
        SiloLoadSample[] warming = [Silo("a", [new("x", 100), new("y", 100)]), Silo("b") with { CanReceive = false }];
        Assert.Empty(RebalancePlanner.Plan(warming, NeverMoved, Now, new RebalancingOptions()));
    }

    [Fact]
    public void A_leaving_silo_spreads_its_versions_over_the_others_by_load_then_count()
    {
        var leaving = Silo("a", [new("hot", 300), .. Versions("idle", 6, 0)]);
        SiloLoadSample[] remaining = [Silo("b", [new("b1", 200)]), Silo("c", [new("c1", 100)])];

        var moves = RebalancePlanner.Drain(leaving, remaining);

        Assert.Equal(7, moves.Count);
        Assert.Equal("c", moves.Single(m => m.Version == "hot").To);
        Assert.Equal(4, moves.Count(m => m.To == "b" && m.Version.StartsWith("idle", StringComparison.Ordinal)));
        Assert.Empty(RebalancePlanner.Drain(leaving, []));
    }

    private static SiloLoadSample Silo(string name, VersionLoad[]? versions = null, long memoryBytes = 0) =>
        new(name, memoryBytes, versions ?? []);

    private static VersionLoad[] Versions(string prefix, int count, double rate) =>
        [.. Enumerable.Range(0, count).Select(i => new VersionLoad($"{prefix}-{i}", rate))];

    private static Dictionary<string, double> Apply(IReadOnlyList<SiloLoadSample> silos, IReadOnlyList<PlannedMove> moves) =>
        Move(silos, moves).ToDictionary(s => s.Silo, s => s.RecordsPerSecond);

    private static SiloLoadSample[] Move(IReadOnlyList<SiloLoadSample> silos, IReadOnlyList<PlannedMove> moves)
    {
        var hosted = silos.ToDictionary(s => s.Silo, s => s.Versions.ToList());
        foreach (var move in moves)
        {
            var version = hosted[move.From].Single(v => v.Version == move.Version);
            hosted[move.From].Remove(version);
            hosted[move.To].Add(version);
        }

        return [.. silos.Select(s => s with { Versions = hosted[s.Silo] })];
    }
}
