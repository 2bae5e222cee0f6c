namespace Monitor.Grains.Versions.Parts;

/// <summary>
/// When a version moves to another silo (rebalancing, a silo leaving), the old activation writes its checkpoint on
/// deactivation as always, and the new one reads it on activation. What a part holds in memory only and would
/// otherwise rebuild or lose, it hands over through these hooks, under keys prefixed with its name.
/// </summary>
public abstract partial class VersionPart
{
    /// <summary>On the old silo, after the last checkpoint: adds the part's in-memory state to the move.</summary>
    public virtual void Dehydrate(IDehydrationContext migration)
    {
    }

    /// <summary>On the new silo, before <see cref="ActivateAsync"/>: takes back what <see cref="Dehydrate"/> added.</summary>
    public virtual void Rehydrate(IRehydrationContext migration)
    {
    }
}
