namespace Monitor.Grains.Outcomes;

/// <summary>Labels, business events and their joins (configuration section <c>Monitor:Outcomes</c>).</summary>
public sealed class OutcomeOptions
{
    public const string Section = "Monitor:Outcomes";

    /// <summary>How long a prediction stays joinable by id.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Predictions a version holds for joins at most (75-122 bytes each held, 150-250 allocated; docs/outcomes.md). Past it the oldest leave
    /// early, counted as evicted by the cap; labels for them are then counted as late.
    /// </summary>
    public int MaxIndexedPredictions { get; set; } = 1_000_000;

    /// <summary>
    /// The silo's memory budget for the join indexes of all its versions, in bytes, charged at the measured
    /// 150 bytes per held id (docs/outcomes.md). Over it, the oldest held ids across versions leave first,
    /// counted as evicted by the budget. Unset: a quarter of the memory the process may use.
    /// </summary>
    public long? JoinIndexBudgetBytes { get; set; }

    /// <summary>Labels (and model-wide events) waiting for their prediction, per version and per model.</summary>
    public int MaxPendingLabels { get; set; } = 10_000;

    /// <summary>How long a label waits for its prediction before it counts as an unknown id.</summary>
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Distinct classes a version's confusion matrix tracks; the rest count as "other".</summary>
    public int MaxClasses { get; set; } = 50;

    /// <summary>Distinct custom event types per version (besides click, conversion and revenue); the rest count as "other".</summary>
    public int MaxCustomEventTypes { get; set; } = 20;

    /// <summary>Recent revenue amounts held raw, so A/B rank tests on revenue are exact while they cover the period.</summary>
    public int RecentRevenueSamples { get; set; } = 10_000;

    /// <summary>The period the Prometheus gauges of outcomes cover.</summary>
    public TimeSpan MetricsWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often pending labels are retried, expired predictions swept and gauges refreshed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the join index is written to storage, in the background (and always on deactivation). It
    /// is large (about 40 bytes per held prediction), so less often than the windows: a crash loses at
    /// most this much of it, and labels for the lost predictions then count as unknown ids.
    /// </summary>
    public TimeSpan IndexCheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most custom types the per-prediction de-duplication flags can hold.</summary>
    internal const int MaxFlaggedEventTypes = 28;
}
