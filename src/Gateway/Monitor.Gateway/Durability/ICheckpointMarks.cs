using Monitor.Grains.Versions;

namespace Monitor.Gateway.Durability;

/// <summary>How far a version's stored checkpoint holds a gateway's calls (asked of the version grain).</summary>
public interface ICheckpointMarks
{
    Task<long> Get(CallSource source);
}

/// <summary>Asks the version grain.</summary>
public sealed class GrainCheckpointMarks(IGrainFactory grains) : ICheckpointMarks
{
    public Task<long> Get(CallSource source) =>
        grains.GetGrain<IVersionCheckpointMarkGrain>(source.VersionKey).GetCheckpointMark(source.Sender);
}
