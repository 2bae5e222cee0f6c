using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Monitor.Grains.Outcomes.Budget;

/// <summary>
/// The silo's memory budget for the join indexes of all its versions, in bytes charged at
/// <see cref="BytesPerHeldId"/> per held id. Indexes report their held count and a profile of their
/// times after each batch and on their version's timer (an <see cref="Interlocked"/> exchange and add,
/// no lock). While the node is over budget, the budget publishes a <see cref="CutoffMs"/> chosen so
/// that the ids older than it bring the node down to <see cref="LowWaterFraction"/> of the budget;
/// each index lets go of those in its own turn, counted as evicted by the budget.
/// </summary>
public sealed class JoinIndexBudget
{
    /// <summary>
    /// Bytes charged per held id: the allocation measured at steady state (a full ring and its lookup
    /// table, 149-150 bytes; tests/Monitor.Grains.Tests/Outcomes/JoinIndexCostTests.cs, docs/outcomes.md).
    /// </summary>
    public const long BytesPerHeldId = 150;

    /// <summary>When over budget, enough ids leave to come down to this share of it, so the edge is not crossed on every batch.</summary>
    public const double LowWaterFraction = 0.95;

    /// <summary>The cutoff is decided at most this often (a decision reads every index's profile).</summary>
    public static readonly TimeSpan DecisionInterval = TimeSpan.FromSeconds(1);

    private static readonly Gauge BudgetGauge = Prometheus.Metrics.CreateGauge(
        "monitor_join_index_budget_bytes", "The node's memory budget for join indexes (Monitor:Outcomes:JoinIndexBudgetBytes)");

    private static readonly Gauge HeldGauge = Prometheus.Metrics.CreateGauge(
        "monitor_join_index_held_bytes", "Bytes the node's join indexes hold against their budget (held ids times the measured cost per id)");

    private readonly ConcurrentDictionary<JoinIndexProfile, byte> _profiles = new();
    private readonly TimeProvider _time;
    private long _held;
    private long _cutoffMs = BudgetCutoff.None;
    private long _nextDecisionMs = long.MinValue;
    private int _deciding;

    public JoinIndexBudget(IOptions<OutcomeOptions> options, TimeProvider time)
    {
        _time = time;
        BudgetBytes = options.Value.JoinIndexBudgetBytes ?? DefaultBudgetBytes();
        if (BudgetBytes <= 0)
        {
            throw new OptionsValidationException(OutcomeOptions.Section, typeof(OutcomeOptions),
                [$"{OutcomeOptions.Section}:JoinIndexBudgetBytes must be a positive number of bytes (was {BudgetBytes})."]);
        }

        MaxHeldIds = Math.Max(1, BudgetBytes / BytesPerHeldId);
        BudgetGauge.Set(BudgetBytes);
        HeldGauge.Set(0);
    }

    public long BudgetBytes { get; }

    public long MaxHeldIds { get; }

    public long HeldIds => Volatile.Read(ref _held);

    public long HeldBytes => HeldIds * BytesPerHeldId;

    /// <summary>Entries with a time before this leave their index at its next turn; <see cref="BudgetCutoff.None"/> when under budget.</summary>
    public long CutoffMs => Volatile.Read(ref _cutoffMs);

    /// <summary>A quarter of the memory the process may use (the container's limit where there is one).</summary>
    public static long DefaultBudgetBytes() => Math.Max(64L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    public JoinIndexProfile Register()
    {
        var profile = new JoinIndexProfile();
        _profiles.TryAdd(profile, 0);
        return profile;
    }

    /// <summary>The index has left the silo (its version deactivated): its ids no longer count.</summary>
    public void Unregister(JoinIndexProfile profile)
    {
        if (_profiles.TryRemove(profile, out _))
        {
            Charge(profile.Exchange(0));
        }
    }

    /// <summary>An index's new held count (its profile's times already written); may decide a new cutoff.</summary>
    public void Report(JoinIndexProfile profile, long held)
    {
        Charge(profile.Exchange(held));
        var over = HeldIds > MaxHeldIds;
        if (!over && CutoffMs == BudgetCutoff.None)
        {
            return;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now < Volatile.Read(ref _nextDecisionMs) || Interlocked.Exchange(ref _deciding, 1) == 1)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _nextDecisionMs, now + (long)DecisionInterval.TotalMilliseconds);
            Volatile.Write(ref _cutoffMs, Decide());
        }
        finally
        {
            Volatile.Write(ref _deciding, 0);
        }
    }

    private long Decide()
    {
        var held = HeldIds;
        if (held <= MaxHeldIds)
        {
            return BudgetCutoff.None;
        }

        var profiles = new List<(long, long[])>(_profiles.Count);
        foreach (var profile in _profiles.Keys)
        {
            profiles.Add((profile.Held, (long[])profile.Times.Clone()));
        }

        return BudgetCutoff.Compute(profiles, held - (long)(MaxHeldIds * LowWaterFraction));
    }

    private void Charge(long delta)
    {
        if (delta != 0)
        {
            HeldGauge.Set(Interlocked.Add(ref _held, delta) * BytesPerHeldId);
        }
    }
}
