namespace Monitor.Grains.Rebalancing;

/// <summary>Settings of load-aware rebalancing (<c>Monitor:Rebalancing</c>); see docs/operations.md.</summary>
public sealed class RebalancingOptions
{
    public const string Section = "Monitor:Rebalancing";

    /// <summary>Whether the rebalancer moves versions; silos report their load either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each silo reports its load; the rebalancer decides at most once per interval.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The time constant of the records-per-second figures the silos report (an exponentially weighted average):
    /// longer keeps noise from moving versions, shorter follows a change of load sooner. Zero: each interval's rate.
    /// </summary>
    public TimeSpan RateSmoothing { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Versions moved in one round, at most (the rate limit).</summary>
    public int MaxMovesPerRound { get; set; } = 8;

    /// <summary>
    /// The hysteresis band: silos are left as they are while the busiest and the least busy differ by less than
    /// this fraction of the mean load.
    /// </summary>
    public double Tolerance { get; set; } = 0.2;

    /// <summary>Below this cluster-wide rate nothing moves (an idle cluster has nothing to even out).</summary>
    public double MinClusterRecordsPerSecond { get; set; } = 50;

    /// <summary>A version that moved stays where it is for this long.</summary>
    public TimeSpan VersionCooldown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A silo that joined receives versions once it has reported for this long: a process that has just started
    /// is still compiling its code and would hold up the calls of every version sent to it.
    /// </summary>
    public TimeSpan TargetWarmup { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A silo whose managed heap is above this size receives no versions (0: no limit).</summary>
    public long MaxTargetMemoryBytes { get; set; }

    /// <summary>How long a stopping silo waits for its versions to move before it stops anyway.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Moves kept for <c>GET /v1/cluster</c>.</summary>
    public int MovesKept { get; set; } = 100;
}
