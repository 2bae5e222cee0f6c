using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Versions.Parts;

/// <summary>What the version grain does for its parts: the checkpoint, timers, the resume list.</summary>
public interface IVersionHost
{
    /// <summary>Something a checkpoint must write has changed.</summary>
    void Changed();

    /// <summary>The version had records, labels or events at this time (for the resume list).</summary>
    void Traffic(long nowMs);

    /// <summary>Writes a checkpoint now; true when everything changed is committed.</summary>
    Task<bool> CheckpointAsync(CancellationToken cancellationToken);

    /// <summary>A grain timer that never interleaves with the version's calls.</summary>
    IGrainTimer RegisterTimer(Func<CancellationToken, Task> tick, TimeSpan interval, bool keepAlive = false);

    /// <summary>Tells the resume list at once that a reason to wake the version may have changed.</summary>
    Task ReportResumeAsync();

    /// <summary>Every part's figures, for alert rules.</summary>
    IReadOnlyList<IVersionMetrics> Metrics { get; }
}
