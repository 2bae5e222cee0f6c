using Monitor.Grains.Ingest;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions.Checkpoints;

namespace Monitor.Grains.Versions.Parts;

/// <summary>
/// One concern of a model version (its windows, drift, outcomes, alerting): its own state, its pages and core
/// section in the version's checkpoint, and the hooks the version calls. A part overrides only the hooks it
/// needs; its queries are public methods the grain's interface methods delegate to.
/// </summary>
/// <remarks>
/// Hooks run on the grain's scheduler, one at a time, in the order of <see cref="VersionParts"/> (activation,
/// ingest, checkpoint, commit) and in reverse order on deactivation. Timers a part needs are registered
/// through <see cref="VersionPartContext.RegisterTimer"/> during activation.
/// </remarks>
public abstract partial class VersionPart
{
    /// <summary>The part's name: the key of its core section and the prefix of its page families and states.</summary>
    public abstract string Name { get; }

    /// <summary>The figures this part offers alert rules; null when it offers none.</summary>
    public virtual IVersionMetrics? Metrics => null;

    /// <summary>Reads the part's state and checkpoint pages; the parts listed before it are active already.</summary>
    public abstract Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken);

    /// <summary>The hot path: applies a batch in memory (no I/O); the version is marked changed after it.</summary>
    public virtual void Ingest(PredictionBatch batch, long nowMs)
    {
    }

    /// <summary>Adds the part's changed pages to a checkpoint and brings its core section up to date.</summary>
    public virtual void Checkpoint(CheckpointWrites writes)
    {
    }

    /// <summary>After the checkpoint's core row is written: what must follow it (a captured reference, the part's own state).</summary>
    public virtual Task CommittedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Before the version's last checkpoint on deactivation: series to remove, writes to finish.</summary>
    public virtual Task DeactivatingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the version's last checkpoint on deactivation (written or not).</summary>
    public virtual Task DeactivatedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
