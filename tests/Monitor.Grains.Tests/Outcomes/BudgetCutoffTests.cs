using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Budget;

namespace Monitor.Grains.Tests.Outcomes;

public sealed class BudgetCutoffTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void Under_budget_there_is_no_cutoff()
    {
        Assert.Equal(BudgetCutoff.None, BudgetCutoff.Compute([(100, Spread(0, 99))], 0));
        Assert.Equal(BudgetCutoff.None, BudgetCutoff.Compute([], 10));
        Assert.Equal(BudgetCutoff.None, BudgetCutoff.Compute([(0, new long[JoinIndexProfile.Points])], 10));
    }

    [Fact]
    public void The_cutoff_frees_the_excess_from_the_oldest_across_indexes()
    {
        // One index holds times 0..99, the other 1000..1099: 30 must leave, all from the older one.
        var cutoff = BudgetCutoff.Compute([(100, Spread(0, 99)), (100, Spread(1000, 1099))], 30);

        Assert.InRange(cutoff, 29, 31);
        Assert.Equal(0, JoinIndexProfile.OlderThan(100, Spread(1000, 1099), cutoff));
    }

    [Fact]
    public void Overlapping_indexes_share_the_eviction_by_age()
    {
        // 0..99 and 50..149 at one id per ms: 70 must leave; 50 alone from the first, then 10 from each.
        var cutoff = BudgetCutoff.Compute([(100, Spread(0, 99)), (100, Spread(50, 149))], 70);

        Assert.InRange(cutoff, 59, 61);
        Assert.InRange(BudgetCutoff.Older([(100, Spread(0, 99)), (100, Spread(50, 149))], cutoff), 70, 72);
    }

    [Fact]
    public void More_to_free_than_held_cuts_past_the_newest()
    {
        var cutoff = BudgetCutoff.Compute([(10, Spread(0, 9)), (10, Spread(5, 14))], 1000);

        Assert.Equal(15, cutoff);
    }

    [Fact]
    public void Tied_and_out_of_order_times_still_give_a_cutoff_that_frees_enough()
    {
        long[] tied = [5, 5, 5, 5, 5, 5, 5, 5, 5];
        long[] shuffled = [40, 10, 30, 0, 20, 80, 60, 70, 50];

        Assert.Equal(6, BudgetCutoff.Compute([(90, tied)], 1));
        var cutoff = BudgetCutoff.Compute([(80, shuffled)], 20);
        Assert.InRange(cutoff, 19, 21);
        Assert.True(BudgetCutoff.Older([(90, tied), (80, shuffled)], cutoff) >= 20);
    }

    [Fact]
    public void Indexes_over_the_node_budget_let_go_of_their_oldest_in_their_own_turn_and_count_them()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var budget = Budget(100, time);
        var older = new PredictionIndex(1000, Week);
        var newer = new PredictionIndex(1000, Week);
        older.AttachBudget(budget);
        newer.AttachBudget(budget);

        AddRange(older, "o", 0, 60);
        AddRange(newer, "n", 1_000_000, 60);

        // The newer index's batch crossed the budget: the cutoff is published, nothing of the newer index is older.
        Assert.NotEqual(BudgetCutoff.None, budget.CutoffMs);
        Assert.Equal(0, newer.EvictedByBudget);
        Assert.Equal(60, older.Count);

        // The older index lets go in its own turn (its sweep), counted, and remembered as late.
        Assert.InRange(older.Sweep(time.GetUtcNow().ToUnixTimeMilliseconds()), 20, 30);
        Assert.Equal(older.EvictedByBudget, 60 - older.Count);
        Assert.True(older.WasEvicted(Key("o0")));
        Assert.True(older.TryFind(Key("o59"), out _));
        Assert.Equal(0, older.EvictedByCap + older.EvictedByHorizon);
        Assert.InRange(budget.HeldIds, 90, 100);
        Assert.Equal(budget.HeldIds * JoinIndexBudget.BytesPerHeldId, budget.HeldBytes);

        // Back under budget, the next decision lifts the cutoff.
        time.Advance(JoinIndexBudget.DecisionInterval);
        newer.Sweep(time.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.Equal(BudgetCutoff.None, budget.CutoffMs);

        // A deactivated index no longer counts.
        newer.DetachBudget();
        Assert.Equal(older.Count, budget.HeldIds);
    }

    [Fact]
    public void A_budget_that_is_not_positive_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Budget(0, TimeProvider.System, bytes: 0));

        Assert.Contains("JoinIndexBudgetBytes", error.Message);
    }

    [Fact]
    public void Without_a_setting_the_budget_is_a_share_of_the_memory_the_process_may_use()
    {
        var budget = new JoinIndexBudget(Options.Create(new OutcomeOptions()), TimeProvider.System);

        Assert.Equal(JoinIndexBudget.DefaultBudgetBytes(), budget.BudgetBytes);
        Assert.True(budget.BudgetBytes >= GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
    }

    private static JoinIndexBudget Budget(long ids, TimeProvider time, long? bytes = null) =>
        new(Options.Create(new OutcomeOptions { JoinIndexBudgetBytes = bytes ?? ids * JoinIndexBudget.BytesPerHeldId }), time);

    private static void AddRange(PredictionIndex index, string prefix, long fromMs, int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => Key(prefix + i)).ToArray();
        var times = Enumerable.Range(0, count).Select(i => fromMs + (i * 1000L)).ToArray();
        var values = new double[count];
        index.AddAll(keys, times, values, values, new int[count], new bool[count], default);
    }

    private static long[] Spread(long from, long to) =>
        [.. Enumerable.Range(0, JoinIndexProfile.Points).Select(i => from + ((to - from) * i / (JoinIndexProfile.Points - 1)))];

    private static ulong Key(string id) => PredictionIdHash.Of(id);
}
