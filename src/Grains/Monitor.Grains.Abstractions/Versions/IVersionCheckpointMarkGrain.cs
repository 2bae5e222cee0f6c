namespace Monitor.Grains.Versions;

/// <summary>
/// What a version's last written checkpoint holds of one gateway's ingest calls. A gateway keeps the calls
/// it acknowledged in its ingest log until every version they went to has checkpointed past them, and asks
/// here how far each one has.
/// </summary>
[Alias("monitor.IVersionCheckpointMarkGrain")]
public interface IVersionCheckpointMarkGrain : IGrainWithStringKey
{
    /// <summary>
    /// The sequence number of the last call from <paramref name="sender"/> that the version's stored checkpoint
    /// includes; 0 when it includes none.
    /// </summary>
    [Alias("GetCheckpointMark")]
    Task<long> GetCheckpointMark(string sender);
}
